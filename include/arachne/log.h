// LogLevel: how much a crawl's log line matters (Crawler::OnLog, `arachne crawl --log-level`).
#pragma once

namespace arachne {

enum class LogLevel {
  kError = 0,    // the crawl cannot go on as asked (an output that cannot be written)
  kWarning = 1,  // something went wrong and was handled: a worker died and was restarted, a host unreachable
  kInfo = 2,     // what the crawl decided: a job resumed, workers added, the queue spilled to disk
  kDebug = 3,    // each retry and re-queued URL
};

// "error", "warning", "info", "debug".
inline const char* LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kError: return "error";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kInfo: return "info";
    case LogLevel::kDebug: return "debug";
  }
  return "info";
}

}  // namespace arachne
