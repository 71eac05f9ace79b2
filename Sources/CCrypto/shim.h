#ifndef STREAMJOBS_CCRYPTO_SHIM_H
#define STREAMJOBS_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto (Debian libssl-dev, the library libpq already links): SHA-256, HMAC-SHA256,
   AES-256-GCM, RAND_bytes and CRYPTO_memcmp. EVP_CIPHER_CTX_ctrl takes a void pointer and the GCM
   control codes are macros, so the wrappers below give Swift typed calls.
   https://www.openssl.org/docs/man3.0/man3/EVP_EncryptInit_ex.html (section "GCM and OCB Modes") */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

static inline int sj_gcm_set_iv_length(EVP_CIPHER_CTX *ctx, int length) {
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, length, NULL);
}

static inline int sj_gcm_get_tag(EVP_CIPHER_CTX *ctx, unsigned char *tag, int length) {
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, length, tag);
}

static inline int sj_gcm_set_tag(EVP_CIPHER_CTX *ctx, unsigned char *tag, int length) {
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, length, tag);
}
#endif
