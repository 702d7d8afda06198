// ScanPage: a page's record fields from one streaming pass over its HTML tokens, without a tree.
//
// The crawler's fast path: building a DOM costs far more than reading the few elements a record needs
// (Gumbo parses about 30 MB/s; this scanner several hundred). It follows the HTML Standard's tokenizer
// (13.2.5: tags, attributes, comments, doctypes, character references, RCDATA, RAWTEXT, script data with
// its escapes, PLAINTEXT, CDATA in foreign content) and as much of tree construction as decides which
// tokens become elements of the page: foreign content (<svg>, <math>, their integration points and
// breakout tags), <template> contents (not part of the page), <select> (where Gumbo drops most tags),
// and framesets. It agrees with ExtractPage (html_extractor.h, Gumbo 0.10.1) on the links, title,
// description, canonical, base and meta robots of every page of the test site and of Python's HTML
// documentation (tests/parser/html_scanner_differential_test.cc). Where tree construction moves things
// (foster parenting, the adoption agency) links may come in another order; where markup is broken in
// ways no real page is (end tags that close HTML elements around unclosed <svg>, for one), the two may
// differ. The fuzz target runs both on every input.
#pragma once

#include <string_view>

#include "parser/page_info.h"
#include "url/url.h"

namespace arachne {

// Scans `html` (read as UTF-8: ill-formed bytes become U+FFFD in the results) fetched from `page_url`.
// Never fails, never recurses; time and memory linear in the input.
PageInfo ScanPage(std::string_view html, const Url& page_url);

// The markup ScanPage reads, before BuildPageInfo; its views point into `html` or its storage.
PageMarkup ScanMarkup(std::string_view html);

}  // namespace arachne
