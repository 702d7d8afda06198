#include "coordinator/process_timeline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace arachne {
namespace {

using Spans = std::deque<std::pair<double, double>>;

TEST(ProcessTimeline, SpansCloseTogetherAreMerged) {
  ProcessTimeline t("parser 1", "parser", 42, 0.5);
  t.Busy(1.0, 2.0);
  t.Busy(2.005, 3.0);  // within 10 ms: one span
  t.Busy(3.5, 4.0);
  t.Busy(3.9, 4.5);  // overlaps the last
  EXPECT_EQ(t.Intervals(10), (Spans{{1.0, 3.0}, {3.5, 4.5}}));
  t.Busy(6, 5);  // given backwards
  EXPECT_EQ(t.Intervals(10).back(), (std::pair<double, double>{5, 6}));
}

TEST(ProcessTimeline, SetBusyOpensAndClosesSpans) {
  ProcessTimeline t("fetcher 1", "fetcher", 7, 0);
  t.SetBusy(true, 1);
  t.SetBusy(true, 1.5);  // still busy: no new span
  EXPECT_EQ(t.Intervals(2), (Spans{{1, 2}}));  // the open span ends now
  t.SetBusy(false, 3);
  t.SetBusy(false, 4);
  EXPECT_EQ(t.Intervals(5), (Spans{{1, 3}}));
  t.SetBusy(true, 6);
  t.End(7);
  EXPECT_EQ(t.Intervals(9), (Spans{{1, 3}, {6, 7}}));
  EXPECT_EQ(t.ended_s(), 7);
  EXPECT_EQ(t.State(0, 9).pid, 0) << "an ended process has no pid";
}

TEST(ProcessTimeline, KeepsItsLastSpansOnly) {
  ProcessTimeline t("parser 1", "parser", 1, 0);
  for (std::size_t i = 0; i < ProcessTimeline::kMaxIntervals + 10; ++i) {
    t.Busy(static_cast<double>(i), static_cast<double>(i) + 0.5);
  }
  const Spans spans = t.Intervals(1e9);
  ASSERT_EQ(spans.size(), ProcessTimeline::kMaxIntervals);
  EXPECT_EQ(spans.front().first, 10);
}

TEST(ProcessTimeline, BusyShareCountsTheWindowOnly) {
  ProcessTimeline t("parser 1", "parser", 1, 0);
  t.Busy(0, 4);   // before the window but for its last second
  t.Busy(6, 7);
  EXPECT_DOUBLE_EQ(t.BusyShare(10, 7), (1.0 + 1.0) / 7);
  t.SetBusy(true, 9);
  EXPECT_DOUBLE_EQ(t.BusyShare(10, 7), 3.0 / 7);
  EXPECT_EQ(t.BusyShare(10, 0), 0);
}

TEST(ProcessTimeline, StateReportsWhatTheProgressShows) {
  ProcessTimeline t("fetcher 2", "fetcher", 99, 0);
  t.CountDone(5);
  t.CountDone(2);
  t.SetBusy(true, 1);
  const ProcessState state = t.State(64, 2);
  EXPECT_EQ(state.name, "fetcher 2");
  EXPECT_EQ(state.role, "fetcher");
  EXPECT_EQ(state.pid, 99);
  EXPECT_EQ(state.in_flight, 64u);
  EXPECT_TRUE(state.busy);
  EXPECT_EQ(state.done, 7u);
  EXPECT_DOUBLE_EQ(state.busy_share, 0.5);  // busy 1 s of the 2 s it has run
  t.SetBusy(false, 2);
  EXPECT_FALSE(t.State(0, 3).busy);
}

}  // namespace
}  // namespace arachne
