// The short kind of a failed transfer, for records and statistics: what went wrong, not curl's words.
#pragma once

#include <curl/curl.h>

#include <string_view>

namespace arachne {

// "" for CURLE_OK; else one of "dns", "connect", "timeout", "too large", "tls", "protocol",
// "bad content encoding", "send", "recv", "other". A body cut by the write callback at the size cap
// surfaces as CURLE_WRITE_ERROR; the caller knows it cut the body and reports "too large" itself.
std::string_view CurlErrorKind(CURLcode code);

}  // namespace arachne
