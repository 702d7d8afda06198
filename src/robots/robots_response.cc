#include "robots/robots_response.h"

#include <array>

namespace arachne {

RobotsResponse ClassifyRobotsResponse(int status, std::string_view error) {
  static constexpr std::array<std::string_view, 4> kTransient = {"timeout", "connect", "send", "recv"};
  if (!error.empty()) {
    for (std::string_view transient : kTransient) {
      if (error == transient) return RobotsResponse::kUnreachable;
    }
    return RobotsResponse::kUnavailable;
  }
  if (status >= 200 && status < 300) return RobotsResponse::kRules;
  if (status >= 500 || status == 429 || status == 0) return RobotsResponse::kUnreachable;
  return RobotsResponse::kUnavailable;
}

}  // namespace arachne
