// Starts the generated test site on an ephemeral 127.0.0.1 port for one test.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "testsite/site.h"

namespace arachne::test {

inline std::unique_ptr<testsite::SiteServer> ServeSite(testsite::SiteOptions options) {
  auto server = testsite::SiteServer::Start(options);
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return server.ok() ? std::move(*server) : nullptr;
}

}  // namespace arachne::test
