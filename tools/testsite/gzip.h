// Gzip: the gzip content coding (RFC 1952, RFC 9110 section 8.4.1.3) for the test server, with zlib.
#pragma once

#include <string>
#include <string_view>

#include "arachne/status.h"

namespace arachne::testsite {

// The gzip member (header, deflate data, CRC-32 and size trailer) holding `data`.
Result<std::string> GzipCompress(std::string_view data);
// The inverse, for tests: fails on anything that is not one complete gzip member.
Result<std::string> GzipDecompress(std::string_view data);

// True when an Accept-Encoding value (RFC 9110 section 12.5.3) allows gzip: "gzip" (or "x-gzip", or "*")
// listed with a q-value above 0, and gzip not refused with q=0.
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace arachne::testsite
