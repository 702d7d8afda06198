// HostileSite: a small site of normal pages whose index also links every fault endpoint
// (fault_endpoints.h), for tests that a crawl's limits hold against a hostile server, and for trying a
// crawler on one by hand (`arachne-testsite hostile`).
//
//   /index.html   links /page/1 ... /page/5, then every path of FaultPaths()
//   /page/<k>     k = 1 ... 5: a normal page linking the index and its neighbours (gzip when accepted)
//   /robots.txt   allows everything
//   /fault/...    the fault endpoints
//   anything else 404
//
//   auto server = HttpServer::Start(ServeHostileSite);
//   config.seeds = {(*server)->base_url() + "/index.html"};
//
// Every link is root-relative, so the site is the same on any port. Stateless and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "testsite/http_server.h"

namespace arachne::testsite {

inline constexpr int kHostilePages = 5;

HttpReply ServeHostileSite(const HttpRequestView& request);

// The paths of the normal pages: "/index.html", then "/page/1" ... "/page/5".
std::vector<std::string> HostileNormalPaths();

}  // namespace arachne::testsite
