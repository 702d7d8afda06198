#include "coordinator/worker_autoscaler.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

using Decision = WorkerAutoscaler::Decision;

// Three samples of `load` in a row decide: nothing on the first two, `decision` on the third.
void ExpectDecidedOnTheThirdSample(WorkerAutoscaler& scaler, const WorkerLoad& load, Decision decision) {
  EXPECT_EQ(scaler.Sample(load), Decision::kNone);
  EXPECT_EQ(scaler.Sample(load), Decision::kNone);
  EXPECT_EQ(scaler.Sample(load), decision);
}

TEST(WorkerAutoscaler, AParserIsAddedWhenPagesKeepWaitingForBusyParsers) {
  WorkerAutoscaler scaler(4, 4);
  const WorkerLoad waiting{
      .fetchers = 1, .parsers = 1, .parse_backlog = 80, .parser_cpu = 0.95, .busiest_fetcher = 0.3};
  ExpectDecidedOnTheThirdSample(scaler, waiting, Decision::kAddParser);
  // The new parser gets its samples before another is added.
  const WorkerLoad two{
      .fetchers = 1, .parsers = 2, .parse_backlog = 80, .parser_cpu = 0.9, .busiest_fetcher = 0.3};
  ExpectDecidedOnTheThirdSample(scaler, two, Decision::kAddParser);
}

// Pages wait, but the parser is not using its core: it waits for a core itself (the fetcher and the web
// server hold them), and another parser would only add to the crowd.
TEST(WorkerAutoscaler, ABacklogWithParsersThatAreNotBusyAddsNothing) {
  WorkerAutoscaler scaler(4, 4);
  const WorkerLoad crowded{.fetchers = 1, .parsers = 1, .parse_backlog = 200, .parser_cpu = 0.5};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(scaler.Sample(crowded), Decision::kNone);
}

TEST(WorkerAutoscaler, OneSlowMomentAddsNothing) {
  WorkerAutoscaler scaler(4, 4);
  const WorkerLoad waiting{.fetchers = 1, .parsers = 1, .parse_backlog = 80, .parser_cpu = 1.0};
  const WorkerLoad calm{.fetchers = 1, .parsers = 1, .parse_backlog = 2, .parser_cpu = 1.0};
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(scaler.Sample(waiting), Decision::kNone);
    EXPECT_EQ(scaler.Sample(waiting), Decision::kNone);
    EXPECT_EQ(scaler.Sample(calm), Decision::kNone);
  }
}

TEST(WorkerAutoscaler, AFetcherIsAddedWhenTheBusiestUsesACore) {
  WorkerAutoscaler scaler(2, 2);
  const WorkerLoad busy{.fetchers = 1, .parsers = 1, .parse_backlog = 0, .busiest_fetcher = 0.97};
  ExpectDecidedOnTheThirdSample(scaler, busy, Decision::kAddFetcher);
}

TEST(WorkerAutoscaler, NeverPastTheCoresOrWhereTheSeedFileFixedTheCount) {
  WorkerAutoscaler at_max(2, 2);
  const WorkerLoad full{
      .fetchers = 2, .parsers = 2, .parse_backlog = 500, .parser_cpu = 1.0, .busiest_fetcher = 1.0};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(at_max.Sample(full), Decision::kNone);
  WorkerAutoscaler fixed(0, 0);  // both counts set in the seed file
  const WorkerLoad loaded{
      .fetchers = 1, .parsers = 1, .parse_backlog = 500, .parser_cpu = 1.0, .busiest_fetcher = 1.0};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(fixed.Sample(loaded), Decision::kNone);
}

}  // namespace
}  // namespace arachne
