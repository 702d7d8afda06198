#include "report/timeline_chart.h"

#include <gtest/gtest.h>

#include <limits>
#include <regex>

#include "report/svg_checks.h"

namespace arachne::report {
namespace {

using test::CountOf;
using test::GeometryProblems;

const ChartFrame kFrame{"timeline-chart", "Processes over time", "seconds", "", 960, 0};

TimelineLane Lane(const std::string& label, std::vector<TimeSpan> busy, TimeSpan life = {0, 10}) {
  return {label, label + " tooltip", "#2f6fbf", life, std::move(busy)};
}

// The <g class="lane"> groups of `svg`, each with the number of busy bars in it.
std::vector<std::size_t> BarsPerLane(const std::string& svg) {
  std::vector<std::size_t> bars;
  for (std::size_t at = svg.find("<g class=\"lane\">"); at != std::string::npos;
       at = svg.find("<g class=\"lane\">", at + 1)) {
    bars.push_back(CountOf(svg.substr(at, svg.find("</g>", at) - at), "<rect class=\"busy\""));
  }
  return bars;
}

TEST(TimelineChart, ALanePerProcessWithItsBusyBars) {
  const std::string svg =
      TimelineChart(kFrame, {Lane("fetcher 0", {{0, 2}, {3, 5}, {6, 9}}), Lane("parser 0", {{1, 1.5}})},
                    {{"fetcher", "#2f6fbf", false}, {"parser", "#e07b1a", false}}, 10);
  EXPECT_EQ(BarsPerLane(svg), (std::vector<std::size_t>{3, 1}));
  EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
  EXPECT_NE(svg.find("id=\"timeline-chart\""), std::string::npos);
  EXPECT_NE(svg.find(">fetcher 0</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>parser 0 tooltip</title>"), std::string::npos);
  EXPECT_NE(svg.find(">70%</text>"), std::string::npos);  // 7 s busy of a 10 s life
  EXPECT_NE(svg.find(">5%</text>"), std::string::npos);
  EXPECT_NE(svg.find(">seconds</text>"), std::string::npos);
  EXPECT_EQ(CountOf(svg, "class=\"life\""), 2u);
  EXPECT_NE(svg.find("class=\"legend\""), std::string::npos);
}

TEST(TimelineChart, BarsSitOnTheSharedTimeAxis) {
  // The plot spans x 90 (the narrowest label column) to 880 (960 - 28 - 52) for 0..10 s: 79 px a second;
  // the first lane's bars are 4 px inside its 26 px.
  const std::string svg = TimelineChart(kFrame, {Lane("fetcher 0", {{2, 4}})}, {}, 10);
  EXPECT_NE(svg.find("<rect class=\"busy\" x=\"248\" y=\"48\" width=\"158\" height=\"18\""),
            std::string::npos)
      << svg;
}

TEST(TimelineChart, TheAxisEndsWhereTheCrawlDoes) {
  const std::string svg = TimelineChart(kFrame, {Lane("fetcher 0", {{1, 2}}, {0, 20.4})}, {}, 20.4);
  for (const char* tick : {">0</text>", ">5</text>", ">10</text>", ">15</text>", ">20</text>"}) {
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  }
  EXPECT_EQ(svg.find(">25</text>"), std::string::npos);
}

TEST(TimelineChart, SpansCloserThanHalfAPixelAreOneBar) {
  // 2,000 spans of 1 ms with 1 ms gaps over 4 s: 0.2 px apart on this axis.
  std::vector<TimeSpan> spans;
  for (int i = 0; i < 2000; ++i) spans.push_back({i * 0.002, i * 0.002 + 0.001});
  spans.push_back({8, 8.0001});  // alone, and shorter than a pixel
  const std::string svg = TimelineChart(kFrame, {Lane("parser 0", spans)}, {}, 10);
  EXPECT_EQ(BarsPerLane(svg), (std::vector<std::size_t>{2}));
  EXPECT_NE(svg.find("width=\"1\" height=\"18\""), std::string::npos) << svg;  // the short one, widened
}

TEST(TimelineChart, BadTimesStayInTheBox) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const std::string svg = TimelineChart(
      kFrame, {Lane("a", {{-5, 3}, {kNaN, 2}, {4, 1e300}, {9, 8}}, {kNaN, 10}), Lane("b", {}, {5, 5})}, {},
      10);
  EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
  EXPECT_NE(svg.find("\xE2\x80\x93</text>"), std::string::npos);  // a life of no length has no share
}

TEST(TimelineChart, WithoutProcessesSaysSo) {
  for (const double end : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(), 12.0}) {
    const std::string svg = TimelineChart(kFrame, {}, {}, end);
    EXPECT_NE(svg.find(">no processes</text>"), std::string::npos);
    EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
  }
}

TEST(TimelineChart, EscapesLaneText) {
  const std::string svg = TimelineChart(kFrame, {Lane("fetcher</text><script>x</script>", {{1, 2}})},
                                        {{"<b>", "#000", false}}, 10);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;/text&gt;"), std::string::npos);
  EXPECT_EQ(CountOf(svg, "<text"), CountOf(svg, "</text>"));
}

}  // namespace
}  // namespace arachne::report
