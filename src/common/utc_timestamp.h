// UtcTimestamp: a moment as RFC 3339 text in UTC, the form WARC dates, JSON log lines and the stats file
// share: "2026-12-01T21:33:00Z", or with milliseconds "2026-12-01T21:33:00.123Z".
#pragma once

#include <cstdint>
#include <string>

namespace arachne {

// `unix_ms`: milliseconds since 1970-01-01T00:00:00Z (before it too: floored, never a negative field).
std::string UtcTimestamp(std::int64_t unix_ms, bool with_millis);

}  // namespace arachne
