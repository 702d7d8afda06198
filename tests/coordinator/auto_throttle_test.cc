#include "coordinator/auto_throttle.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

using namespace std::chrono_literals;
using Signal = AutoThrottle::Signal;

AutoThrottle::Options Adaptive() {
  AutoThrottle::Options o;
  o.adaptive = true;
  o.target_concurrency = 2;
  o.min_delay = 0ms;
  o.max_delay = 60000ms;
  o.first_backoff = 1000ms;
  return o;
}

TEST(AutoThrottle, DelayConvergesOnLatencyOverTargetConcurrency) {
  AutoThrottle t(Adaptive());
  for (int i = 0; i < 30; ++i) t.OnResponse("h", 400ms, Signal::kOk);
  EXPECT_EQ(t.delay("h"), 200ms);  // 400 ms / 2
}

TEST(AutoThrottle, SlowerHostGetsALongerDelayThanAFastOne) {
  AutoThrottle t(Adaptive());
  for (int i = 0; i < 10; ++i) {
    t.OnResponse("slow", 2000ms, Signal::kOk);
    t.OnResponse("fast", 20ms, Signal::kOk);
  }
  EXPECT_GT(t.delay("slow"), 900ms);
  EXPECT_LT(t.delay("fast"), 20ms);
}

TEST(AutoThrottle, DelayComesDownHalfwayWhenTheHostSpeedsUp) {
  AutoThrottle t(Adaptive());
  for (int i = 0; i < 30; ++i) t.OnResponse("h", 1000ms, Signal::kOk);
  ASSERT_EQ(t.delay("h"), 500ms);
  t.OnResponse("h", 100ms, Signal::kOk);
  EXPECT_EQ(t.delay("h"), 275ms);  // (500 + 50) / 2
}

TEST(AutoThrottle, NonOkResponsesNeverLowerTheDelay) {
  AutoThrottle t(Adaptive());
  for (int i = 0; i < 30; ++i) t.OnResponse("h", 1000ms, Signal::kOk);
  t.OnResponse("h", 1ms, Signal::kOther);
  EXPECT_EQ(t.delay("h"), 500ms);
}

TEST(AutoThrottle, FailuresDoubleTheDelayAndPauseTheHost) {
  AutoThrottle t(Adaptive());
  for (int i = 0; i < 30; ++i) t.OnResponse("h", 400ms, Signal::kOk);
  EXPECT_EQ(t.Pause("h"), 0ms);
  t.OnResponse("h", 400ms, Signal::kFailure);
  EXPECT_EQ(t.delay("h"), 400ms);
  EXPECT_EQ(t.Pause("h"), 1000ms);
  t.OnResponse("h", 400ms, Signal::kFailure);
  EXPECT_EQ(t.delay("h"), 800ms);
  EXPECT_EQ(t.Pause("h"), 2000ms);
  EXPECT_EQ(t.failures("h"), 2);
  t.OnResponse("h", 400ms, Signal::kOk);
  EXPECT_EQ(t.failures("h"), 0);
  EXPECT_EQ(t.Pause("h"), 0ms);
  EXPECT_EQ(t.delay("h"), 500ms);  // halfway back towards 200 ms
}

TEST(AutoThrottle, EverythingStaysUnderTheMaximum) {
  AutoThrottle::Options o = Adaptive();
  o.max_delay = 5000ms;
  AutoThrottle t(o);
  for (int i = 0; i < 100; ++i) t.OnResponse("h", 30000ms, Signal::kFailure);
  EXPECT_EQ(t.delay("h"), 5000ms);
  EXPECT_EQ(t.Pause("h"), 5000ms);
}

TEST(AutoThrottle, CrawlDelayIsAFloor) {
  AutoThrottle t(Adaptive());
  t.SetMinDelay("h", 3000ms);
  for (int i = 0; i < 10; ++i) t.OnResponse("h", 1ms, Signal::kOk);
  EXPECT_EQ(t.delay("h"), 3000ms);
  EXPECT_EQ(t.delay("other"), 0ms);
}

TEST(AutoThrottle, WithoutAdaptationOnlyFailuresMoveTheDelay) {
  AutoThrottle::Options o = Adaptive();
  o.adaptive = false;
  o.min_delay = 50ms;
  AutoThrottle t(o);
  t.OnResponse("h", 5000ms, Signal::kOk);
  EXPECT_EQ(t.delay("h"), 50ms);
  t.OnResponse("h", 10ms, Signal::kFailure);
  EXPECT_EQ(t.delay("h"), 100ms);
  t.OnResponse("h", 10ms, Signal::kOk);
  EXPECT_EQ(t.delay("h"), 50ms);
}

}  // namespace
}  // namespace arachne
