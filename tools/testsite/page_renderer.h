// RenderPage: the HTML of one generated page, from its PageSpec: the links exactly as the spec writes
// them, in the elements it names, among paragraphs of filler text up to the page's target size.
#pragma once

#include <string>

#include "testsite/site_map.h"

namespace arachne::testsite {

// Deterministic: the same spec gives the same bytes. Besides the spec's links the page holds things a
// correct HTML extractor must not take for links: a link inside a comment and one inside a <script>
// (when spec.commented_link), an <img usemap> without src.
std::string RenderPage(const PageSpec& spec);

}  // namespace arachne::testsite
