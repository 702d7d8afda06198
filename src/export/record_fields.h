// The fields of an exported Record: their names in column order, and how numbers are spelled, shared by
// every format so that a CSV column and a JSON key always agree.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace arachne {

inline constexpr std::array<std::string_view, 18> kRecordFields = {
    "url",     "final_url", "redirects", "status",      "depth",     "referrer", "content_type",
    "bytes",   "truncated", "charset",   "fetch_ms",    "retries",   "title",    "description",
    "canonical", "robots",  "links",     "error"};

void AppendInteger(std::string& out, std::int64_t value);
void AppendInteger(std::string& out, std::uint64_t value);
inline void AppendInteger(std::string& out, int value) {
  AppendInteger(out, std::int64_t{value});
}

// Appends `ms` rounded to a tenth of a millisecond, without a trailing ".0" ("12.5", "12"): finer digits
// are noise in a wall-clock measurement. Appends nothing and returns false for NaN or infinity, which no
// format can spell as a number.
bool AppendMillis(std::string& out, double ms);

}  // namespace arachne
