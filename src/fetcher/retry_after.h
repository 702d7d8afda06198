// The Retry-After header (RFC 9110 section 10.2.3): how long a server asks a client to wait after a 503, a
// 429 (RFC 6585 section 4) or a 3xx, either as delay-seconds or as an HTTP-date.
//
// curl has CURLINFO_RETRY_AFTER, but it answers 0 for a missing or unreadable header as well as for
// "Retry-After: 0", and before curl 8.12 a negative number for a date in the past; the header's value is
// read here instead, so that "absent" stays apart from "now".
#pragma once

#include <ctime>
#include <string_view>

namespace arachne {

// Seconds to wait from `now` for the header value `value` (surrounding whitespace allowed): delay-seconds
// as written; an HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms recipients must accept)
// less `now`, and 0 once it has passed. -1 when the value is neither: the header is then ignored, as RFC
// 9110 section 5.5 lets a recipient do with an invalid field.
double RetryAfterSeconds(std::string_view value, std::time_t now);

}  // namespace arachne
