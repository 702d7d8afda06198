#include "robots/robots_response.h"

#include "ipc/messages.h"

namespace arachne {

RobotsResponse ClassifyRobotsResponse(int status, std::string_view error) {
  if (!error.empty()) return IsTransientError(error) ? RobotsResponse::kUnreachable : RobotsResponse::kUnavailable;
  if (status >= 200 && status < 300) return RobotsResponse::kRules;
  if (status >= 500 || status == 429 || status == 0) return RobotsResponse::kUnreachable;
  return RobotsResponse::kUnavailable;
}

}  // namespace arachne
