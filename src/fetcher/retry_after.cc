#include "fetcher/retry_after.h"

#include <curl/curl.h>

#include <algorithm>
#include <string>

namespace arachne {

namespace {

bool IsWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view Trimmed(std::string_view value) {
  while (!value.empty() && IsWhitespace(value.front())) value.remove_prefix(1);
  while (!value.empty() && IsWhitespace(value.back())) value.remove_suffix(1);
  return value;
}

// delay-seconds = 1*DIGIT. A double holds any length a server may write; the caller caps the wait.
double DelaySeconds(std::string_view digits) {
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return -1;
  }
  double seconds = 0;
  for (char c : digits) seconds = seconds * 10 + (c - '0');
  return seconds;
}

}  // namespace

double RetryAfterSeconds(std::string_view value, std::time_t now) {
  value = Trimmed(value);
  if (value.empty()) return -1;
  if (double seconds = DelaySeconds(value); seconds >= 0) return seconds;
  // curl_getdate reads all three date forms of RFC 9110 section 5.6.7 (and a few more; leniency is harmless
  // here). It wants a terminated string.
  const std::time_t date = curl_getdate(std::string(value).c_str(), nullptr);
  if (date == -1) return -1;
  return std::max(0.0, std::difftime(date, now));
}

}  // namespace arachne
