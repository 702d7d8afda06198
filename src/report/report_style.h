// The report page's stylesheet, inlined in its <style> element: the page loads nothing (no font, no
// script, no image), so it reads the same offline, from a mail attachment or an archived job folder.
#pragma once

#include <string_view>

namespace arachne::report {

// CSS for the classes report_page.cc writes: the header and its totals, the sections, chart pairs,
// tables. System fonts only (CSS Fonts 4, the system-ui generic family).
std::string_view ReportStyle();

}  // namespace arachne::report
