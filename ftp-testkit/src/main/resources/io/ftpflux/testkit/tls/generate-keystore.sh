#!/bin/sh
# Regenerates localhost.p12: the self-signed TLS identity that ftp-testkit's test servers present
# (io.ftpflux.testkit.tls.LocalhostCertificate). A new key pair every run, so commit the result.
#
#   Keystore type: PKCS12    Alias: localhost    Store and key password: ftpflux-testkit
#   Subject: CN=localhost    SAN: DNS:localhost, IP:127.0.0.1, IP:::1
#   Valid from 2020-01-01 (not from today: a test machine with a lagging clock must accept it) for 36500 days
#
# Test material only: the private key is public in this repository.
set -eu
cd "$(dirname "$0")"
rm -f localhost.p12
keytool -genkeypair -alias localhost \
  -keyalg RSA -keysize 2048 -sigalg SHA256withRSA \
  -dname "CN=localhost" \
  -ext "SAN=dns:localhost,ip:127.0.0.1,ip:::1" \
  -ext "KU=digitalSignature,keyEncipherment" \
  -ext "EKU=serverAuth" \
  -startdate "2020/01/01 00:00:00" -validity 36500 \
  -storetype PKCS12 -keystore localhost.p12 \
  -storepass ftpflux-testkit -keypass ftpflux-testkit
keytool -list -v -keystore localhost.p12 -storepass ftpflux-testkit | grep -E 'Owner|Valid|DNSName|IPAddress'
