#include "report/svg_frame.h"

#include <gtest/gtest.h>

#include "report/svg_checks.h"

namespace arachne::report {
namespace {

using test::CountOf;

TEST(SvgFrame, StartNamesTheChartAndEscapesItsTitle) {
  const ChartFrame frame{"status-chart", "Status <\"all\">", "x", "y", 400, 200};
  const std::string svg = SvgStart(frame) + SvgEnd();
  EXPECT_EQ(
      svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"status-chart\" class=\"chart\" viewBox=\"0 0 "
                "400 200\"",
                0),
      0u)
      << svg;
  EXPECT_NE(svg.find("<title>Status &lt;&quot;all&quot;&gt;</title>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("<\"all\">"), std::string::npos);
  EXPECT_TRUE(test::GeometryProblems(svg).empty());
}

TEST(SvgFrame, PlotAreaLeavesRoomForLabels) {
  const PlotArea area = PlotAreaOf(ChartFrame{"c", "t", "x", "y", 960, 300}, 72);
  EXPECT_EQ(area.left, 72);
  EXPECT_GT(area.top, 30);  // under the title
  EXPECT_LT(area.right, 960);
  EXPECT_LT(area.bottom, 300 - 30);  // above tick labels and the axis title
  // A frame too small for its margins still has an area of positive size.
  const PlotArea tiny = PlotAreaOf(ChartFrame{"c", "t", "x", "y", 10, 10}, 72);
  EXPECT_GT(tiny.width(), 0);
  EXPECT_GT(tiny.height(), 0);
}

TEST(SvgFrame, AxesDrawEachTickWithItsLabel) {
  const PlotArea area{72, 44, 932, 250};
  const AxisTicks axis = NiceTicks(0, 20);
  const std::vector<Tick> ticks = NumericTicks(axis, LinearScale(axis.lo, axis.hi, area.left, area.right));
  ASSERT_EQ(ticks.size(), 5u);
  EXPECT_EQ(ticks[0].at, 72);
  EXPECT_EQ(ticks[4].at, 932);
  EXPECT_EQ(ticks[2].label, "10");
  const std::string bottom = BottomAxis(area, ticks, "seconds <since start>", /*grid=*/true);
  EXPECT_EQ(CountOf(bottom, "<text"), 6u);  // five labels and the title
  EXPECT_NE(bottom.find(">15</text>"), std::string::npos);
  EXPECT_NE(bottom.find(">seconds &lt;since start&gt;</text>"), std::string::npos);
  const std::string left = LeftAxis(area, {{250, "0"}, {44, "5k"}}, "records", /*grid=*/false);
  EXPECT_NE(left.find(">5k</text>"), std::string::npos);
  EXPECT_NE(left.find("rotate(-90"), std::string::npos);  // the axis title turned
}

TEST(SvgFrame, LegendAndNoteEscapeTheirText) {
  const ChartFrame frame{"c", "t", "x", "y", 960, 300};
  const std::string legend = Legend(frame, {{"fetcher", "#2f6fbf", false}, {"<i>ideal</i>", "#999", true}});
  EXPECT_EQ(CountOf(legend, "<rect"), 1u);
  EXPECT_NE(legend.find("stroke-dasharray"), std::string::npos);  // a dashed series has a dashed swatch
  EXPECT_NE(legend.find("&lt;i&gt;ideal&lt;/i&gt;"), std::string::npos);
  EXPECT_NE(NoDataNote(PlotArea{0, 0, 100, 100}, "no <data>").find(">no &lt;data&gt;</text>"),
            std::string::npos);
}

}  // namespace
}  // namespace arachne::report
