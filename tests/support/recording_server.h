// RecordingServer: a test HTTP server on one loopback address that remembers every request it served:
// what was asked, when it arrived and when its reply was due. Politeness tests read the concurrency and
// the spacing of requests per host from it, as a site's own log would show them.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "testsite/http_server.h"

namespace arachne::test {

class RecordingServer {
 public:
  using Clock = std::chrono::steady_clock;
  using Handler = std::function<testsite::HttpReply(const testsite::HttpRequestView&)>;

  struct Hit {
    std::string target;
    Clock::time_point arrived;
    Clock::time_point replied;  // arrived + the reply's delay: the request is in progress until then
  };

  // Serves `handler` on `address` (a 127.0.0.0/8 address) at an ephemeral port; nullptr on failure.
  static std::unique_ptr<RecordingServer> Start(Handler handler, const std::string& address = "127.0.0.1") {
    auto recorder = std::unique_ptr<RecordingServer>(new RecordingServer(std::move(handler)));
    RecordingServer* self = recorder.get();
    auto server = testsite::HttpServer::Start(
        [self](const testsite::HttpRequestView& request) { return self->Serve(request); }, 0, address, 2);
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    if (!server.ok()) return nullptr;
    recorder->server_ = std::move(*server);
    recorder->base_url_ = "http://" + address + ":" + std::to_string(recorder->server_->port());
    return recorder;
  }

  ~RecordingServer() {
    if (server_) server_->Stop();
  }

  const std::string& base_url() const { return base_url_; }

  std::vector<Hit> hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
  }

  std::vector<Hit> hits_of(const std::string& target) const {
    std::vector<Hit> matching;
    for (const Hit& hit : hits()) {
      if (hit.target == target) matching.push_back(hit);
    }
    return matching;
  }

  // The most requests in progress at once among `hits`.
  static int MaxOverlap(const std::vector<Hit>& hits) {
    std::vector<std::pair<Clock::time_point, int>> events;
    for (const Hit& hit : hits) {
      events.emplace_back(hit.arrived, +1);
      events.emplace_back(hit.replied, -1);
    }
    std::sort(events.begin(), events.end());  // at equal times, an end (-1) sorts before a start
    int now = 0, most = 0;
    for (const auto& [at, change] : events) most = std::max(most, now += change);
    return most;
  }

  // The shortest time between the arrivals of two consecutive requests among `hits`.
  static Clock::duration MinGap(std::vector<Hit> hits) {
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.arrived < b.arrived; });
    Clock::duration gap = Clock::duration::max();
    for (std::size_t i = 1; i < hits.size(); ++i) gap = std::min(gap, hits[i].arrived - hits[i - 1].arrived);
    return gap;
  }

 private:
  explicit RecordingServer(Handler handler) : handler_(std::move(handler)) {}

  testsite::HttpReply Serve(const testsite::HttpRequestView& request) {
    Clock::time_point arrived = Clock::now();
    testsite::HttpReply reply = handler_(request);
    std::lock_guard lock(mutex_);
    hits_.push_back(Hit{request.target, arrived, arrived + std::chrono::milliseconds(reply.delay_ms)});
    return reply;
  }

  Handler handler_;
  std::unique_ptr<testsite::HttpServer> server_;
  std::string base_url_;
  mutable std::mutex mutex_;
  std::vector<Hit> hits_;
};

// A small site for politeness tests: "/" links to /p0 ... /p<pages-1>, each of which links back to "/".
// Every reply waits `delay_ms`, so that requests overlap when the crawler lets them. robots.txt is 404
// unless `robots` is given.
inline RecordingServer::Handler FlatSite(int pages, int delay_ms, std::string robots = "") {
  return [=](const testsite::HttpRequestView& request) {
    testsite::HttpReply reply;
    reply.delay_ms = delay_ms;
    reply.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    if (request.target == "/robots.txt") {
      reply.status = robots.empty() ? 404 : 200;
      reply.headers = {{"Content-Type", "text/plain"}};
      reply.body = robots;
      reply.delay_ms = 0;
    } else if (request.target == "/") {
      reply.body = "<!doctype html><title>home</title>";
      for (int i = 0; i < pages; ++i) reply.body += "<a href=\"/p" + std::to_string(i) + "\">" + std::to_string(i) + "</a>";
    } else {
      reply.body = "<!doctype html><title>" + request.target + "</title><a href=\"/\">home</a>";
    }
    return reply;
  };
}

}  // namespace arachne::test
