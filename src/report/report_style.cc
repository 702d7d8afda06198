#include "report/report_style.h"

namespace arachne::report {

std::string_view ReportStyle() {
  return R"css(
:root { color-scheme: light; }
body { margin: 0; background: #f5f6f8; color: #1f2328;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
header { background: #1f2a37; color: #fff; padding: 22px 0 24px; }
header > div, main, footer { max-width: 1040px; margin: 0 auto; padding-left: 24px; padding-right: 24px; }
h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; overflow-wrap: anywhere; }
.product { color: #9fb3c8; font-weight: 400; }
.state { display: inline-block; margin-left: 10px; padding: 1px 10px; border-radius: 999px; font-size: 13px;
  font-weight: 500; vertical-align: 3px; }
.state-finished { background: #2e7d32; }
.state-running { background: #1565c0; }
.state-stopped { background: #a65b00; }
.state-other { background: #5b6470; }
.dates { margin: 0 0 16px; color: #c3ccd6; }
.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(148px, 1fr)); gap: 10px; margin: 0; }
.totals > div { background: rgba(255, 255, 255, 0.08); border-radius: 6px; padding: 8px 12px; }
.totals dt { font-size: 12px; color: #c3ccd6; }
.totals dd { margin: 0; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
main { padding-top: 4px; padding-bottom: 24px; }
section { background: #fff; border: 1px solid #e1e4e8; border-radius: 8px; padding: 14px 18px; margin: 16px 0; }
h2 { font-size: 17px; margin: 0 0 4px; }
.note { color: #57606a; margin: 0 0 8px; font-size: 13px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin: 16px 0; }
.pair > section { margin: 0; }
@media (max-width: 820px) { .pair { grid-template-columns: 1fr; } }
svg.chart { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 5px 8px; border-bottom: 1px solid #eaecef; text-align: left; vertical-align: top; }
th { color: #57606a; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.url { word-break: break-all; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.empty { color: #8c959f; font-style: italic; }
footer { color: #8c959f; font-size: 12px; padding-bottom: 28px; }
)css";
}

}  // namespace arachne::report
