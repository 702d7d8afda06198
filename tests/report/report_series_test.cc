#include "report/report_series.h"

#include <gtest/gtest.h>

namespace arachne::report {
namespace {

TEST(PagesPerSecond, DifferencesOverTheirTimeSpan) {
  const std::vector<ChartPoint> rates = PagesPerSecond({{0, 0}, {1, 95}, {2, 230}, {4, 330}});
  ASSERT_EQ(rates.size(), 3u);
  EXPECT_DOUBLE_EQ(rates[0].x, 1);
  EXPECT_DOUBLE_EQ(rates[0].y, 95);
  EXPECT_DOUBLE_EQ(rates[1].y, 135);
  EXPECT_DOUBLE_EQ(rates[2].x, 4);
  EXPECT_DOUBLE_EQ(rates[2].y, 50);  // 100 pages over 2 s (a long crawl keeps every n-th second)
}

TEST(PagesPerSecond, NoDivisionByZeroAndNoNegativeRate) {
  EXPECT_TRUE(PagesPerSecond({}).empty());
  EXPECT_TRUE(PagesPerSecond({{0, 0}}).empty());
  const std::vector<ChartPoint> rates = PagesPerSecond({{0, 0}, {1, 10}, {1, 20}, {0.5, 30}, {2, 5}});
  ASSERT_EQ(rates.size(), 2u);  // the steps that do not move forward in time are skipped
  EXPECT_DOUBLE_EQ(rates[1].x, 2);
  EXPECT_DOUBLE_EQ(rates[1].y, 0);  // a count that went down
}

TEST(ParserSpeedup, RelativeToOneParserPerFetcherCount) {
  const std::vector<SpeedupLine> lines = ParserSpeedup({{1, 1, 100, 2, 1000},
                                                        {1, 2, 100, 1, 1800},
                                                        {1, 4, 100, 1, 3000},
                                                        {2, 1, 100, 1, 2000},
                                                        {2, 2, 100, 1, 2000},
                                                        {2, 2, 100, 1, 3000}});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].fetchers, 1);
  ASSERT_EQ(lines[0].points.size(), 3u);
  EXPECT_DOUBLE_EQ(lines[0].points[0].x, 1);
  EXPECT_DOUBLE_EQ(lines[0].points[0].y, 1);
  EXPECT_DOUBLE_EQ(lines[0].points[1].y, 1.8);
  EXPECT_DOUBLE_EQ(lines[0].points[2].x, 4);
  EXPECT_DOUBLE_EQ(lines[0].points[2].y, 3);
  EXPECT_EQ(lines[1].fetchers, 2);
  ASSERT_EQ(lines[1].points.size(), 2u);
  EXPECT_DOUBLE_EQ(lines[1].points[1].y, 1.25);  // two runs of 2 parsers averaged: 2500 / 2000
}

TEST(ParserSpeedup, NoLineWithoutAOneParserBase) {
  EXPECT_TRUE(ParserSpeedup({}).empty());
  EXPECT_TRUE(ParserSpeedup({{1, 2, 100, 1, 1800}, {1, 4, 100, 1, 3000}}).empty());
  EXPECT_TRUE(ParserSpeedup({{1, 1, 100, 1, 0}, {1, 2, 100, 1, 3000}}).empty());  // 0 pages/s: no base
}

TEST(TimelineLanes, FetchersThenParsersRestartsBesideTheirSlot) {
  std::vector<ProcessActivity> processes{
      {"parser 0", "parser", 12, 0.1, std::nullopt, {{0.2, 0.3}}},
      {"fetcher 10", "fetcher", 20, 0.1, std::nullopt, {}},
      {"fetcher 2", "fetcher", 11, 0.1, 5.0, {{1, 2}}},
      {"helper", "robots", 30, 0.1, std::nullopt, {}},
      {"fetcher 2", "fetcher", 40, 5.2, std::nullopt, {{6, 7}}},
  };
  const std::vector<TimelineLane> lanes = TimelineLanes(processes, 10);
  ASSERT_EQ(lanes.size(), 5u);
  EXPECT_EQ(lanes[0].label, "fetcher 2");
  EXPECT_EQ(lanes[1].label, "fetcher 2 (restart 1)");
  EXPECT_EQ(lanes[2].label, "fetcher 10");
  EXPECT_EQ(lanes[3].label, "parser 0");
  EXPECT_EQ(lanes[4].label, "helper");
  EXPECT_EQ(lanes[0].colour, RoleColour("fetcher"));
  EXPECT_EQ(lanes[3].colour, RoleColour("parser"));
  EXPECT_EQ(lanes[4].colour, RoleColour("anything"));
  EXPECT_NE(RoleColour("fetcher"), RoleColour("parser"));
  EXPECT_DOUBLE_EQ(lanes[0].life.end_s, 5.0);  // it ended
  EXPECT_DOUBLE_EQ(lanes[1].life.start_s, 5.2);
  EXPECT_DOUBLE_EQ(lanes[1].life.end_s, 10.0);  // still running: to the end of the crawl so far
  ASSERT_EQ(lanes[1].busy.size(), 1u);
  EXPECT_DOUBLE_EQ(lanes[1].busy[0].start_s, 6);
  EXPECT_EQ(lanes[1].tooltip, "fetcher 2, pid 40, 5.2 s to 10.0 s (running), 1 busy span");
}

}  // namespace
}  // namespace arachne::report
