#include "coordinator/robots_gate.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

using namespace std::chrono_literals;
using Verdict = RobotsGate::Verdict;

constexpr char kOrigin[] = "http://a";

RobotsGate Gate() {
  RobotsGate::Options options;
  options.user_agent = "Arachne/0.1 (+https://example.com)";
  options.cache = 1h;
  options.max_failures = 2;
  return RobotsGate(options);
}

FetchOutcome Response(int status, std::string body = "") {
  FetchOutcome o;
  o.status = status;
  o.body = std::move(body);
  return o;
}

FetchOutcome Failure(const std::string& kind) {
  FetchOutcome o;
  o.error = kind;
  return o;
}

TEST(RobotsGate, AnUnknownOriginMustBeFetchedFirstAndWaitsMeanwhile) {
  RobotsGate gate = Gate();
  auto now = RobotsGate::Clock::now();
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now), Verdict::kFetch);
  gate.Fetching(kOrigin);
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now), Verdict::kWait);
  EXPECT_EQ(RobotsGate::RobotsUrl(kOrigin), "http://a/robots.txt");
}

TEST(RobotsGate, RulesApplyWithOurProductToken) {
  RobotsGate gate = Gate();
  auto now = RobotsGate::Clock::now();
  gate.Fetching(kOrigin);
  RobotsGate::Learned learned = gate.OnFetched(
      kOrigin,
      Response(200, "User-agent: arachne\nDisallow: /private\nCrawl-delay: 1.5\nSitemap: http://a/s.xml\n"),
      now);
  EXPECT_FALSE(learned.retry);
  EXPECT_EQ(learned.crawl_delay_s, 1.5);
  EXPECT_EQ(learned.sitemaps, (std::vector<std::string>{"http://a/s.xml"}));
  EXPECT_EQ(gate.Check(kOrigin, "http://a/private/1", now), Verdict::kDisallowed);
  EXPECT_EQ(gate.Check(kOrigin, "http://a/public", now), Verdict::kAllowed);
}

TEST(RobotsGate, ItExpiresAndIsFetchedAgain) {
  RobotsGate gate = Gate();
  auto now = RobotsGate::Clock::now();
  gate.Fetching(kOrigin);
  gate.OnFetched(kOrigin, Response(200, "User-agent: *\nDisallow: /\n"), now);
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now + 59min), Verdict::kDisallowed);
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now + 1h), Verdict::kFetch);
}

TEST(RobotsGate, FourHundredsAllowEverything) {
  for (int status : {400, 401, 403, 404, 410}) {
    RobotsGate gate = Gate();
    auto now = RobotsGate::Clock::now();
    gate.Fetching(kOrigin);
    EXPECT_FALSE(gate.OnFetched(kOrigin, Response(status, "User-agent: *\nDisallow: /\n"), now).retry);
    EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now), Verdict::kAllowed) << status;
  }
  RobotsGate gate = Gate();
  gate.Fetching(kOrigin);
  gate.OnFetched(kOrigin, Failure("too many redirects"), RobotsGate::Clock::now());
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", RobotsGate::Clock::now()), Verdict::kAllowed);
}

TEST(RobotsGate, UnreachableIsRetriedThenDisallowsEverything) {
  RobotsGate gate = Gate();
  auto now = RobotsGate::Clock::now();
  gate.Fetching(kOrigin);
  EXPECT_TRUE(gate.OnFetched(kOrigin, Response(503), now).retry);
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now), Verdict::kWait);
  gate.Fetching(kOrigin);
  EXPECT_TRUE(gate.OnFetched(kOrigin, Failure("timeout"), now).retry);
  gate.Fetching(kOrigin);
  RobotsGate::Learned last = gate.OnFetched(kOrigin, Response(429), now);
  EXPECT_FALSE(last.retry);
  EXPECT_EQ(last.problem, "status 429");
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now), Verdict::kUnreachable);
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now + 1h), Verdict::kFetch);  // tried again once expired
}

TEST(RobotsGate, ASuccessAfterFailuresStartsAfresh) {
  RobotsGate gate = Gate();
  auto now = RobotsGate::Clock::now();
  gate.Fetching(kOrigin);
  gate.OnFetched(kOrigin, Response(500), now);
  gate.Fetching(kOrigin);
  gate.OnFetched(kOrigin, Response(200, ""), now);
  EXPECT_EQ(gate.Check(kOrigin, "http://a/x", now), Verdict::kAllowed);
}

TEST(RobotsGate, OriginsAreIndependent) {
  RobotsGate gate = Gate();
  auto now = RobotsGate::Clock::now();
  gate.Fetching(kOrigin);
  gate.OnFetched(kOrigin, Response(200, "User-agent: *\nDisallow: /\n"), now);
  EXPECT_EQ(gate.Check("http://b", "http://b/x", now), Verdict::kFetch);
  EXPECT_EQ(gate.Check("https://a", "https://a/x", now), Verdict::kFetch);
}

}  // namespace
}  // namespace arachne
