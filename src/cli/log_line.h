// How `arachne crawl` writes its log to stderr: text ("arachne: warning: parser 1 died ...") or, with
// --log-format json, one JSON object a line for log collectors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "arachne/log.h"

namespace arachne {

enum class LogFormat { kText, kJson };

// One line with its line break. Text: "arachne: " then "error: " or "warning: " for those levels, then the
// message. JSON: {"time":"2026-12-01T21:33:00.123Z","level":"warning","message":"..."} (RFC 8259; the
// message's ill-formed UTF-8 replaced), `unix_ms` giving the time.
std::string FormatLogLine(LogFormat format, LogLevel level, std::string_view message, std::int64_t unix_ms);

// "error", "warning" (or "warn"), "info", "debug" -> the level; nothing for anything else.
std::optional<LogLevel> ParseLogLevel(std::string_view name);

}  // namespace arachne
