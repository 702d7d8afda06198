#include "cli/log_line.h"

#include "common/utc_timestamp.h"
#include "export/record_json.h"

namespace arachne {

std::string FormatLogLine(LogFormat format, LogLevel level, std::string_view message, std::int64_t unix_ms) {
  if (format == LogFormat::kJson) {
    std::string line = "{\"time\":\"" + UtcTimestamp(unix_ms, true) + "\",\"level\":\"" +
                       LogLevelName(level) + "\",\"message\":";
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
