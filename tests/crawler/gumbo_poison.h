// The test site with one more page, /poison.html, on which Gumbo 0.10.1 fails an assertion and aborts
// ("node_qualified_tag_is: Assertion `node' failed", the family of upstream issue google/gumbo-parser#331;
// found by fuzz/html_fuzzer's long run): what a parser reading with Gumbo dies on.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "testsite/http_server.h"
#include "testsite/site.h"

namespace arachne::test {

class PoisonedSite {
 public:
  // Serves a Site of `options` plus /poison.html on 127.0.0.1; nullptr (and a test failure) if it cannot.
  static std::unique_ptr<PoisonedSite> Start(testsite::SiteOptions options) {
    std::unique_ptr<PoisonedSite> poisoned(new PoisonedSite(options));
    PoisonedSite* self = poisoned.get();  // outlives the server, which it owns
    auto server = testsite::HttpServer::Start([self](const testsite::HttpRequestView& request) {
      if (request.target != "/poison.html") return self->site_.Respond(request, self->base_);
      testsite::HttpReply reply;
      reply.headers = {{"Content-Type", "text/html"}};
      reply.body = "<title>poison</title><table><svg><select><title><select><tr>v";
      return reply;
    });
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    if (!server.ok()) return nullptr;
    poisoned->server_ = std::move(*server);
    poisoned->base_ = poisoned->server_->base_url();
    return poisoned;
  }
  ~PoisonedSite() {
    if (server_) server_->Stop();
  }

  const testsite::Site& site() const { return site_; }
  const std::string& base_url() const { return base_; }
  std::string poison_url() const { return base_ + "/poison.html"; }

 private:
  explicit PoisonedSite(testsite::SiteOptions options) : site_(options) {}
  testsite::Site site_;
  std::string base_;
  std::unique_ptr<testsite::HttpServer> server_;
};

}  // namespace arachne::test
