// The short kind of a failed transfer, for records and statistics: what went wrong, not curl's words.
#pragma once

#include <curl/curl.h>

#include <string_view>

namespace arachne {

// "" for CURLE_OK; else one of "dns", "connect", "timeout", "too large", "tls", "protocol",
// "bad content encoding", "send", "recv", "other". A body cut by the write callback at the size cap
// surfaces as CURLE_WRITE_ERROR; the caller knows it cut the body and reports "too large" itself.
std::string_view CurlErrorKind(CURLcode code);

// The same, told apart further by curl's message (CURLOPT_ERRORBUFFER) where one code covers failures of
// different kinds. CURLE_RECV_ERROR is a failed connection ("recv", worth trying again) except when the
// message says that the server broke HTTP: a malformed chunked encoding ("... in chunked-encoding", RFC 9112
// section 7.1) is "protocol", and a header section over curl's own limit ("Too large response headers",
// curl 8.3 and later) is "too large". Trying either again would only fetch the same broken reply. A
// message curl words differently falls back to CurlErrorKind(code).
std::string_view CurlErrorKind(CURLcode code, std::string_view message);

}  // namespace arachne
