#include "coordinator/frontier.h"

#include <gtest/gtest.h>

#include <map>

namespace arachne {
namespace {

using namespace std::chrono_literals;

QueuedUrl AtDepth(const std::string& url, int depth) {
  QueuedUrl u;
  u.url = url;
  u.depth = depth;
  return u;
}

QueuedUrl U(const std::string& url) { return AtDepth(url, 0); }

TEST(HostKeyOf, IsSchemeHostAndPort) {
  EXPECT_EQ(HostKeyOf("http://127.0.0.1:8080/a/b?c"), "http://127.0.0.1:8080");
  EXPECT_EQ(HostKeyOf("https://example.com/"), "https://example.com");
  EXPECT_EQ(HostKeyOf("http://example.com?q"), "http://example.com");
}

TEST(Frontier, FifoWithinAHost) {
  Frontier f(100, 0ms);
  for (int i = 0; i < 5; ++i) f.Push(U("http://a/" + std::to_string(i)));
  auto now = Frontier::Clock::now();
  for (int i = 0; i < 5; ++i) {
    auto u = f.Pop(now);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->url, "http://a/" + std::to_string(i));
  }
  EXPECT_FALSE(f.Pop(now));
  EXPECT_TRUE(f.empty());
}

TEST(Frontier, HostsTakeTurns) {
  Frontier f(100, 0ms);
  for (int i = 0; i < 3; ++i) f.Push(U("http://a/" + std::to_string(i)));
  for (int i = 0; i < 3; ++i) f.Push(U("http://b/" + std::to_string(i)));
  auto now = Frontier::Clock::now();
  std::string order;
  while (auto u = f.Pop(now)) order += std::string(HostKeyOf(u->url)).back();
  EXPECT_EQ(order, "ababab");
}

TEST(Frontier, MaxPerHostHoldsUntilRelease) {
  Frontier f(2, 0ms);
  for (int i = 0; i < 5; ++i) f.Push(U("http://a/" + std::to_string(i)));
  f.Push(U("http://b/0"));
  auto now = Frontier::Clock::now();
  std::map<std::string, int> taken;
  while (auto u = f.Pop(now)) ++taken[std::string(HostKeyOf(u->url))];
  EXPECT_EQ(taken["http://a"], 2);
  EXPECT_EQ(taken["http://b"], 1);
  EXPECT_EQ(f.size(), 3u);
  f.Release("http://a");
  auto u = f.Pop(now);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->url, "http://a/2");
  EXPECT_FALSE(f.Pop(now));
}

TEST(Frontier, DelaySpacesStartsOnOneHost) {
  Frontier f(10, 1000ms);
  f.Push(U("http://a/0"));
  f.Push(U("http://a/1"));
  f.Push(U("http://b/0"));
  auto t0 = Frontier::Clock::now();
  auto first = f.Pop(t0);
  auto second = f.Pop(t0);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->url, "http://a/0");
  EXPECT_EQ(second->url, "http://b/0");
  EXPECT_FALSE(f.Pop(t0 + 999ms)) << "a/1 must wait for a's delay";
  ASSERT_TRUE(f.NextWakeup());
  auto third = f.Pop(t0 + 1000ms);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->url, "http://a/1");
}

TEST(Frontier, PushFrontRetriesFirst) {
  Frontier f(10, 0ms);
  f.Push(U("http://a/1"));
  f.PushFront(U("http://a/0"));
  auto u = f.Pop(Frontier::Clock::now());
  ASSERT_TRUE(u);
  EXPECT_EQ(u->url, "http://a/0");
}

TEST(Frontier, ManyHostsAllServed) {
  Frontier f(1, 0ms);
  for (int h = 0; h < 1000; ++h) f.Push(U("http://h" + std::to_string(h) + "/x"));
  int n = 0;
  auto now = Frontier::Clock::now();
  while (f.Pop(now) && n < 5000) ++n;
  EXPECT_EQ(n, 1000);
}

}  // namespace
}  // namespace arachne

namespace arachne {
namespace {


TEST(Frontier, ShallowerUrlsOfAHostGoFirst) {
  Frontier f(100, 0ms);
  f.Push(AtDepth("http://a/deep", 2));
  f.Push(AtDepth("http://a/shallow", 1));
  auto u = f.Pop(Frontier::Clock::now());
  ASSERT_TRUE(u);
  EXPECT_EQ(u->url, "http://a/shallow");
}

TEST(Frontier, NextLevelWaitsUntilTheLevelIsDone) {
  Frontier f(100, 0ms, 5000ms);
  f.Push(AtDepth("http://a/1", 1));
  f.Push(AtDepth("http://a/2", 2));
  auto t0 = Frontier::Clock::now();
  auto first = f.Pop(t0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->depth, 1);
  f.Release("http://a");  // fetched, but not yet recorded: its links may still be shallower
  EXPECT_FALSE(f.Pop(t0)) << "depth 2 must wait for depth 1 to be done";
  f.Done("http://a", 1);
  auto second = f.Pop(t0);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->depth, 2);
}

TEST(Frontier, AStuckLevelStopsBlockingAfterItsGrace) {
  Frontier f(100, 0ms, 5000ms);
  f.Push(AtDepth("http://a/1", 1));
  f.Push(AtDepth("http://a/2", 2));
  auto t0 = Frontier::Clock::now();
  ASSERT_TRUE(f.Pop(t0));
  EXPECT_FALSE(f.Pop(t0 + 4999ms));
  ASSERT_TRUE(f.NextWakeup());
  auto u = f.Pop(t0 + 5000ms);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->depth, 2);
}

TEST(Frontier, OtherHostsAreNotHeldByAHostsLevel) {
  Frontier f(100, 0ms, 5000ms);
  f.Push(AtDepth("http://a/1", 1));
  f.Push(AtDepth("http://a/2", 2));
  f.Push(AtDepth("http://b/3", 3));
  auto now = Frontier::Clock::now();
  std::vector<std::string> got;
  while (auto u = f.Pop(now)) got.push_back(u->url);
  EXPECT_EQ(got, (std::vector<std::string>{"http://a/1", "http://b/3"}));
}

TEST(Frontier, BlockedHostIsHeldUntilUnblocked) {
  Frontier f(100, 0ms);
  f.Block("http://a");
  f.Push(U("http://a/0"));
  f.Push(U("http://b/0"));
  auto now = Frontier::Clock::now();
  auto u = f.Pop(now);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->url, "http://b/0");
  EXPECT_FALSE(f.Pop(now));
  EXPECT_TRUE(f.blocked("http://a"));
  f.Unblock("http://a");
  u = f.Pop(now);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->url, "http://a/0");
}

TEST(Frontier, PerHostDelayIsAtLeastTheDefault) {
  Frontier f(100, 10ms);
  f.SetDelay("http://a", 2s);
  f.SetDelay("http://b", 1ms);
  EXPECT_EQ(f.delay("http://a"), 2000ms);
  EXPECT_EQ(f.delay("http://b"), 10ms);
  EXPECT_EQ(f.delay("http://never-seen"), 10ms);
  for (int i = 0; i < 2; ++i) f.Push(U("http://a/" + std::to_string(i)));
  auto now = Frontier::Clock::now();
  ASSERT_TRUE(f.Pop(now));
  f.Release("http://a");
  f.Done("http://a", 0);
  EXPECT_FALSE(f.Pop(now + 1s));
  EXPECT_TRUE(f.Pop(now + 2s));
}

TEST(Frontier, DelaySurvivesTheHostGoingIdle) {
  Frontier f(100, 0ms);
  f.SetDelay("http://a", 1s);
  f.Push(U("http://a/0"));
  auto now = Frontier::Clock::now();
  ASSERT_TRUE(f.Pop(now));
  f.Release("http://a");
  f.Done("http://a", 0);
  EXPECT_EQ(f.hosts(), 0u);  // the queue is gone ...
  f.Push(U("http://a/1"));
  EXPECT_FALSE(f.Pop(now + 500ms));  // ... its delay is not
  EXPECT_TRUE(f.Pop(now + 1s));
}

TEST(Frontier, PauseHoldsTheHostUntilItEnds) {
  Frontier f(100, 0ms);
  f.Push(U("http://a/0"));
  auto now = Frontier::Clock::now();
  f.PauseUntil("http://a", now + 30s);
  EXPECT_FALSE(f.Pop(now + 29s));
  auto wake = f.NextWakeup();
  ASSERT_TRUE(wake);
  EXPECT_GE(*wake, now + 30s);
  EXPECT_TRUE(f.Pop(now + 30s));
}

TEST(Frontier, GroupedHostsShareOneBucket) {
  Frontier f(2, 0ms);
  for (int i = 0; i < 4; ++i) f.Push(U("http://a/" + std::to_string(i)));
  for (int i = 0; i < 4; ++i) f.Push(U("http://b/" + std::to_string(i)));
  f.Group("http://a", "ip:127.0.0.1");
  f.Group("http://b", "ip:127.0.0.1");
  auto now = Frontier::Clock::now();
  int taken = 0;
  while (f.Pop(now)) ++taken;
  EXPECT_EQ(taken, 2);  // two in flight for the address, not two per name
  f.Release("http://a");
  EXPECT_TRUE(f.Pop(now));
  EXPECT_FALSE(f.Pop(now));
}

TEST(Frontier, GroupingMovesTransfersInFlight) {
  Frontier f(1, 0ms);
  f.Push(U("http://a/0"));
  f.Push(U("http://a/1"));
  f.Push(U("http://b/0"));
  auto now = Frontier::Clock::now();
  ASSERT_TRUE(f.Pop(now));  // a/0 in flight
  ASSERT_TRUE(f.Pop(now));  // b/0 in flight
  f.Group("http://a", "ip:x");
  f.Group("http://b", "ip:x");
  f.Release("http://a");
  f.Done("http://a", 0);
  EXPECT_FALSE(f.Pop(now));  // b/0 still holds the shared slot
  f.Release("http://b");
  auto u = f.Pop(now);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->url, "http://a/1");
}

TEST(Frontier, ALongerDelayHoldsTheNextStartAlready) {
  Frontier f(100, 0ms);
  f.Push(U("http://a/0"));
  f.Push(U("http://a/1"));
  auto now = Frontier::Clock::now();
  ASSERT_TRUE(f.Pop(now));
  f.SetDelay("http://a", 2s);  // learned from the first response, while the second URL waits
  EXPECT_FALSE(f.Pop(now + 1s));
  EXPECT_TRUE(f.Pop(now + 2s));
}

}  // namespace
}  // namespace arachne
