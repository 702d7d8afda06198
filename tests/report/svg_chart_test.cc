#include "report/svg_chart.h"

#include <gtest/gtest.h>

#include <limits>

#include "report/svg_checks.h"

namespace arachne::report {
namespace {

using test::CountOf;
using test::GeometryProblems;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

const ChartFrame kFrame{"test-chart", "Pages per second", "seconds", "pages/s", 960, 300};

TEST(LineChart, ScalesPointsIntoThePlotArea) {
  const std::string svg = LineChart(kFrame, {{"pages/s", "#2f6fbf", {{0, 0}, {10, 100}}, false}});
  // The plot area is x 72..932, y 44..250; the axes end at 10 and 100, nice numbers already.
  EXPECT_NE(svg.find("points=\"72,250 932,44\""), std::string::npos) << svg;
  EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
  EXPECT_NE(svg.find(">Pages per second</text>"), std::string::npos);
  EXPECT_NE(svg.find(">pages/s</text>"), std::string::npos);  // the y axis title
  EXPECT_NE(svg.find(">seconds</text>"), std::string::npos);  // the x axis title
  EXPECT_NE(svg.find(">80</text>"), std::string::npos);       // a y tick
  EXPECT_NE(svg.find(">6</text>"), std::string::npos);        // an x tick
  EXPECT_EQ(svg.find("no data"), std::string::npos);
  EXPECT_EQ(svg.find("class=\"legend\""), std::string::npos);  // one line needs no legend
}

TEST(LineChart, LeavesOutPointsThatAreNotFinite) {
  const std::string svg =
      LineChart(kFrame, {{"a", "#000", {{0, 1}, {1, kNaN}, {kInfinity, 2}, {2, -kInfinity}, {3, 4}}, false}});
  // Axes 0..3 and 0..4: (0, 1) and (3, 4), nothing between.
  EXPECT_NE(svg.find("points=\"72,198.5 932,44\""), std::string::npos) << svg;
  EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
}

TEST(LineChart, WithoutDataSaysSo) {
  for (const std::vector<LineSeries>& series :
       {std::vector<LineSeries>{}, std::vector<LineSeries>{{"a", "#000", {}, false}},
        std::vector<LineSeries>{{"a", "#000", {{kNaN, kNaN}}, false}}}) {
    const std::string svg = LineChart(kFrame, series);
    EXPECT_NE(svg.find(">no data</text>"), std::string::npos) << svg;
    EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
  }
}

TEST(LineChart, ASinglePointOrFlatLineStaysInTheBox) {
  for (const std::vector<ChartPoint>& points :
       {std::vector<ChartPoint>{{5, 0}}, std::vector<ChartPoint>{{5, 7}},
        std::vector<ChartPoint>{{0, 3}, {9, 3}}}) {
    const std::string svg = LineChart(kFrame, {{"a", "#000", points, false}}, {std::nullopt, true});
    EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg)) << svg;
    EXPECT_EQ(CountOf(svg, "<circle"), points.size());
  }
}

TEST(LineChart, SeveralLinesGetALegendAndTheirNamesAreEscaped) {
  LineChartOptions options;
  options.x_ticks = std::vector<double>{1, 2, 4};
  options.markers = true;
  const std::string svg = LineChart(kFrame,
                                    {{"1 <fetcher>", "#2f6fbf", {{1, 1}, {2, 0.96}, {4, 0.78}}, false},
                                     {"ideal", "#999", {{1, 1}, {4, 4}}, true}},
                                    options);
  EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
  EXPECT_NE(svg.find("class=\"legend\""), std::string::npos);
  EXPECT_NE(svg.find("1 &lt;fetcher&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<fetcher>"), std::string::npos);
  EXPECT_EQ(CountOf(svg, "<polyline"), 2u);
  EXPECT_EQ(CountOf(svg, "stroke-dasharray=\"6 4\""), 1u);  // the ideal line
  EXPECT_EQ(CountOf(svg, "<circle"), 5u);
  const std::string x_axis = svg.substr(svg.find("<g class=\"x-axis\">"));
  for (const char* tick : {">1</text>", ">2</text>", ">4</text>"}) {
    EXPECT_NE(x_axis.find(tick), std::string::npos) << tick;
  }
  EXPECT_EQ(x_axis.find(">3</text>"), std::string::npos);  // only the given x ticks
}

TEST(BarChart, OneBarPerValueWithLabelsAndCounts) {
  const std::string svg =
      BarChart(kFrame, {{"no response", 4, "#999"}, {"200", 1150, "#2e8b57"}, {"404", 0, "#e0a01a"}});
  EXPECT_EQ(CountOf(svg, "<rect class=\"bar\""), 3u);
  EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
  EXPECT_NE(svg.find(">no response</text>"), std::string::npos);
  EXPECT_NE(svg.find(">1,150</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>200: 1,150</title>"), std::string::npos);
  EXPECT_NE(svg.find("height=\"0\""), std::string::npos);  // the empty 404 bar
  // The tallest bar reaches from the axis (y 250) to its value on the 0..1200 axis: 206 * 1150 / 1200.
  EXPECT_NE(svg.find("height=\"197.42\""), std::string::npos) << svg;
}

TEST(BarChart, EscapesLabelsAndKeepsHugeValuesInTheBox) {
  const std::string svg = BarChart(kFrame, {{"<script>x</script>", 1e300, "#000"}, {"b", kNaN, "#000"}});
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_TRUE(GeometryProblems(svg).empty()) << testing::PrintToString(GeometryProblems(svg));
}

TEST(BarChart, WithoutBarsSaysSo) {
  const std::string svg = BarChart(kFrame, {});
  EXPECT_NE(svg.find(">no data</text>"), std::string::npos);
  EXPECT_EQ(CountOf(svg, "<rect class=\"bar\""), 0u);
  EXPECT_TRUE(GeometryProblems(svg).empty());
}

TEST(BarChart, ManyBarsLabelOnlySomeSoNoneOverlap) {
  std::vector<ChartBar> bars;
  for (int i = 0; i < 300; ++i) bars.push_back({std::to_string(i), static_cast<double>(i), "#000"});
  const std::string svg = BarChart(kFrame, bars);
  EXPECT_EQ(CountOf(svg, "<rect class=\"bar\""), 300u);
  EXPECT_LT(CountOf(svg, "text-anchor=\"middle\" fill=\"#444\">"), 150u);
  EXPECT_TRUE(GeometryProblems(svg).empty());
}

TEST(HorizontalBarChart, GrowsWithItsBarsAndShortensLongLabels) {
  const std::string label(200, 'x');
  std::vector<ChartBar> bars{{"text/html", 1100, "#5a7fa8"}, {label, 60, "#5a7fa8"}, {"a<b", 3, "#5a7fa8"}};
  const std::string three = HorizontalBarChart(kFrame, bars);
  bars.push_back({"more", 1, "#5a7fa8"});
  const std::string four = HorizontalBarChart(kFrame, bars);
  EXPECT_EQ(CountOf(four, "<rect class=\"bar\""), 4u);
  EXPECT_NE(three.find("viewBox=\"0 0 960 166\""), std::string::npos) << three;  // 44 + 3 rows of 24 + 50
  EXPECT_NE(four.find("viewBox=\"0 0 960 190\""), std::string::npos);
  EXPECT_EQ(three.find(">" + label + "</text>"), std::string::npos);
  EXPECT_NE(three.find("<title>" + label + ": 60</title>"), std::string::npos);  // whole in the tooltip
  EXPECT_NE(three.find("xxx\xE2\x80\xA6"), std::string::npos);
  EXPECT_NE(three.find("a&lt;b"), std::string::npos);
  EXPECT_TRUE(GeometryProblems(three).empty()) << testing::PrintToString(GeometryProblems(three));
  EXPECT_NE(HorizontalBarChart(kFrame, {}).find(">no data</text>"), std::string::npos);
}

}  // namespace
}  // namespace arachne::report
