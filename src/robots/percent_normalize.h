// NormalizePercentEncoding: the one spelling in which robots.txt patterns and URL paths are compared.
//
// RFC 9309 section 2.2.2 compares paths octet by octet after percent-encoding both sides the same way:
// octets outside ASCII are percent-encoded, and a percent-encoded unreserved character (RFC 3986
// section 2.3: letters, digits, '-', '.', '_', '~') is decoded, so that "/caf%C3%A9", "/café" and
// "/%63af%c3%a9" are one path, and the RFC's own example "/foo/bar/%62%61%7A" matches "/foo/bar/baz".
// Other escapes are kept, with uppercase hex (RFC 3986 section 6.2.2.1), because decoding them could
// change what the path means ("%2F" is not a segment separator, "%2A" is not a wildcard).
#pragma once

#include <string>
#include <string_view>

namespace arachne {

// Also percent-encodes spaces and control octets, which no URL parser leaves bare, so that a pattern
// written "/a b" matches the URL "/a%20b". A '%' not followed by two hex digits is left alone.
std::string NormalizePercentEncoding(std::string_view text);

// Whether NormalizePercentEncoding(text) == text: true for most URLs, which then need no copy.
bool IsPercentNormalized(std::string_view text);

}  // namespace arachne
