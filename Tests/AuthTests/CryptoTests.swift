import Testing

@testable import Auth

@Suite struct CryptoTests {
    @Test func sha256MatchesTheFIPSVectors() {
        #expect(Digest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hmacSHA256MatchesRFC4231TestCase2() {
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func aesGCMRoundTripsAndRejectsTamperingWrongKeyAndWrongContext() throws {
        let key = SecureRandom.bytes(32)
        let nonce = SecureRandom.bytes(12)
        let sealed = try AESGCM.seal(Array("secret".utf8), key: key, nonce: nonce, aad: Array("AK1".utf8))
        #expect(sealed.count == 6 + 16)
        #expect(try AESGCM.open(sealed, key: key, nonce: nonce, aad: Array("AK1".utf8)) == Array("secret".utf8))
        var tampered = sealed
        tampered[0] ^= 1
        #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open(tampered, key: key, nonce: nonce, aad: Array("AK1".utf8)) }
        #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open(sealed, key: SecureRandom.bytes(32), nonce: nonce, aad: Array("AK1".utf8)) }
        #expect(throws: CryptoError.authenticationFailed) { try AESGCM.open(sealed, key: key, nonce: nonce, aad: Array("AK2".utf8)) }
    }

    @Test func aesGCMMatchesNISTTestCase() throws {
        // NIST GCM test vector (AES-256, 96-bit IV): "Test Case 16" of the GCM specification.
        let key = Hex.decode("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")!
        let iv = Hex.decode("cafebabefacedbaddecaf888")!
        let pt = Hex.decode("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")!
        let aad = Hex.decode("feedfacedeadbeeffeedfacedeadbeefabaddad2")!
        let sealed = try AESGCM.seal(pt, key: key, nonce: iv, aad: aad)
        #expect(Hex.encode(sealed.suffix(16)) == "76fc6ece0f4e1768cddf8853bb2d551b")
        #expect(Hex.encode(sealed.prefix(8)) == "522dc1f099567d07")
    }

    @Test func keyringSealsWithANewNonceEachTimeAndOpensWithPreviousKeys() throws {
        let old = MasterKey.generate()
        let new = MasterKey.generate()
        let a = try Keyring(current: old).seal(Array("sk".utf8), context: "AK")
        let ring = Keyring(current: new, previous: [old])
        let b = try ring.seal(Array("sk".utf8), context: "AK")
        #expect(a.nonce != b.nonce && a.keyID == old.id && b.keyID == new.id)
        #expect(try ring.open(a, context: "AK") == Array("sk".utf8))
        #expect(throws: CryptoError.authenticationFailed) { try Keyring(current: new).open(a, context: "AK") }
    }

    @Test func masterKeysParseFromHexOrBase64AndNeverPrintTheKey() {
        let key = MasterKey.generate()
        #expect(MasterKey(text: key.base64)?.id == key.id)
        #expect(MasterKey(text: String(repeating: "ab", count: 32)) != nil)
        #expect(MasterKey(text: "too short") == nil)
        #expect(MasterKey(text: Base64.encode(SecureRandom.bytes(16))) == nil)
        #expect(!"\(key)".contains(key.base64))
    }

    @Test func base64AndHexRoundTrip() {
        for n in 0..<40 {
            let bytes = SecureRandom.bytes(n)
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
    }

    @Test func constantTimeEqual() {
        #expect(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equal([1, 2], [1, 2, 3]))
    }

    @Test func generatedSecretsHaveTheirShapes() {
        #expect(CredentialSecrets.newAccessKey().count == 20)
        #expect(CredentialSecrets.newSecretKey().count == 40)
        #expect(CredentialSecrets.newToken().hasPrefix("sjt_"))
        #expect(CredentialSecrets.newCredentialID().count == 25)
        #expect(CredentialSecrets.newAccessKey() != CredentialSecrets.newAccessKey())
    }
}
