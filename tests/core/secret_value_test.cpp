#include <catch2/catch.hpp>

#include "core/detectors/secret_value.h"

using namespace llmsec;

TEST_CASE("generated tokens are plausible secrets", "[core][secrets]") {
  for (const char* token :
       {"Tq8WmZ3rLx0VnK6yPd2S", "\"9fK2c7Hq1Zt0Lw5Bx8Nm3Rv6\"", "Yc4+Vb9/Qe2=Lm7Hs1Xw0Ko3Pa8Dz5",
        "e3b0c44298fc1c149afbf4c8996fb924", "5f1e6c0a-93b2-4d7e-8a1f-2c6b9d0e4f73"})
    CHECK(plausible_secret(ValueCheck::kToken, token));
}

TEST_CASE("placeholders people type are not secrets", "[core][secrets]") {
  for (const char* placeholder :
       {"xxxxxxxxxxxxxxxxxxxxxxxx",        // one character
        "0000000000000000000000000000ff",  // mostly one character
        "abababababababababab",            // two characters
        "ZYX-abcdef-not-a-real-key-99",    // a run of the alphabet
        "key_0123456789_for_tests",        // a run of digits
        "q1r2s3t4u5v6w7x8y9z0",            // letters and digits counting up together
        "sk_test_YOUR_KEY_GOES_HERE_00", "EXAMPLEKEY7Q2M9XWDPLMN", "'<insert-token-here>'",
        "${DEPLOY_TOKEN_FROM_CI_SYSTEM}"})
    CHECK_FALSE(plausible_secret(ValueCheck::kToken, placeholder));
}

TEST_CASE("passwords are plausible unless they name, label or point to one", "[core][secrets]") {
  for (const char* password : {"'Tr0ub4dor&3'", "\"hunter2!x\"", "correct horse battery",
                               "\"myoldpassword\"", "\\\"s3cr3t-Value\\\""})
    CHECK(plausible_secret(ValueCheck::kPassword, password));
  for (const char* not_password :
       {"\"Password:\"", "\"Passwort:\"", "\"password\"", "'admin/passwords#update'",
        "\"arn:aws:iam::aws:policy/ResetPassword\"", "env.SMTP_PASSWORD", "process.env.DB_PASS",
        "\"********\"", "'<your password>'", "\"changeme\""})
    CHECK_FALSE(plausible_secret(ValueCheck::kPassword, not_password));
}
