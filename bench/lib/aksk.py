"""AK/SK request signing for the benchmark: Huawei Cloud's SDK-HMAC-SHA256, exactly as the service
verifies it (Sources/Auth/Signing: CanonicalRequest.swift, SDKSignature.swift, SDKSigner.swift,
SDKDate.swift). wrk's LuaJIT has no HMAC, so bench.py signs requests here, just before a run, and wrk
replays them (bench/lua/replay.lua) while X-Sdk-Date is within the service's ±15 minute window.

    canonical request = METHOD \n URI/ \n sorted query \n "name:value\n" per signed header \n
                        signed names joined by ";" \n hex SHA-256 of the body
    string to sign    = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex SHA-256 of the canonical request
    signature         = hex HMAC-SHA256(key = the SK's bytes, string to sign)
"""
import hashlib
import hmac
import time
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"


def sdk_date(epoch_seconds=None):
    """X-Sdk-Date: YYYYMMDDTHHMMSSZ in UTC."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch_seconds))


def _quote(text):
    return quote(text, safe="~")  # every byte but A-Z a-z 0-9 _ . - ~ as %XX (upper-case hex)


def canonical_request(method, target, headers, body=b""):
    """headers: {lower-case name: value} of the signed headers."""
    path, _, query = target.partition("?")
    uri = "/".join(_quote(s) for s in unquote(path).split("/"))
    if not uri.endswith("/"):
        uri += "/"
    pairs = sorted((unquote(k), unquote(v)) for k, _, v in (p.partition("=") for p in query.split("&") if p))
    names = sorted(headers)
    return "\n".join([method.upper(), uri, "&".join(f"{_quote(k)}={_quote(v)}" for k, v in pairs),
                      "".join(f"{n}:{headers[n].strip()}\n" for n in names), ";".join(names),
                      hashlib.sha256(body).hexdigest()])


def authorization(method, target, host, date, ak, sk, body=b""):
    """The Authorization header value of a request signed over Host and X-Sdk-Date."""
    headers = {"host": host, "x-sdk-date": date}
    canonical = canonical_request(method, target, headers, body)
    to_sign = f"{ALGORITHM}\n{date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    signature = hmac.new(sk.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return f"{ALGORITHM} Access={ak}, SignedHeaders={';'.join(sorted(headers))}, Signature={signature}"
