#include "robots/robots_response.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

TEST(RobotsResponse, AsRfc9309Section231Says) {
  EXPECT_EQ(ClassifyRobotsResponse(200, ""), RobotsResponse::kRules);
  EXPECT_EQ(ClassifyRobotsResponse(204, ""), RobotsResponse::kRules);
  for (int status : {400, 401, 403, 404, 410, 451}) {
    EXPECT_EQ(ClassifyRobotsResponse(status, ""), RobotsResponse::kUnavailable) << status;
  }
  for (int status : {429, 500, 502, 503, 504, 599}) {
    EXPECT_EQ(ClassifyRobotsResponse(status, ""), RobotsResponse::kUnreachable) << status;
  }
  for (const char* kind : {"timeout", "connect", "send", "recv"}) {
    EXPECT_EQ(ClassifyRobotsResponse(0, kind), RobotsResponse::kUnreachable) << kind;
  }
  for (const char* kind : {"dns", "tls", "blocked address", "too many redirects", "protocol"}) {
    EXPECT_EQ(ClassifyRobotsResponse(0, kind), RobotsResponse::kUnavailable) << kind;
  }
}

}  // namespace
}  // namespace arachne
