#include "cli/log_line.h"

#include <ctime>

#include "export/record_json.h"

namespace arachne {

namespace {

// "2026-12-01T21:33:00.123Z" (RFC 3339, UTC, milliseconds).
std::string UtcMillis(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(unix_ms % 1000));
  return std::string(text, n) + millis;
}

}  // namespace

std::string FormatLogLine(LogFormat format, LogLevel level, std::string_view message, std::int64_t unix_ms) {
  if (format == LogFormat::kJson) {
    std::string line = "{\"time\":\"" + UtcMillis(unix_ms) + "\",\"level\":\"" + LogLevelName(level) + "\",\"message\":";
    AppendJsonString(line, message);
    return line + "}\n";
  }
  std::string line = "arachne: ";
  if (level <= LogLevel::kWarning) line += std::string(LogLevelName(level)) + ": ";
  line += message;
  return line + "\n";
}

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  if (name == "error") return LogLevel::kError;
  if (name == "warning" || name == "warn") return LogLevel::kWarning;
  if (name == "info") return LogLevel::kInfo;
  if (name == "debug") return LogLevel::kDebug;
  return std::nullopt;
}

}  // namespace arachne
