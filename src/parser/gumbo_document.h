// GumboDocument: owns the tree Gumbo builds from one HTML page and frees it exactly once.
//
// Gumbo implements the WHATWG HTML parsing algorithm (HTML Standard section 13.2), so any byte string
// yields a tree: the one a browser would build. Nodes, attribute values and text are owned by the
// document; `original_text` pieces inside nodes point into the caller's `html`, which must outlive them.
#pragma once

#include <gumbo.h>

#include <string_view>

namespace arachne {

class GumboDocument {
 public:
  // The options Arachne parses with: Gumbo's defaults, except that no parse errors are recorded
  // (max_errors = 0): a crawler never reads them, and each costs allocations. The gain is small, about
  // 1% even on tag soup with ~300 errors a page (bench/parse_rate); Gumbo's own tokenizing and
  // allocation dominate.
  static GumboOptions FastOptions();

  // Parses `html` with FastOptions(). Gumbo reads its input as UTF-8: every ill-formed byte sequence
  // becomes U+FFFD in text and attribute values and U+0000 is replaced or dropped as the standard says,
  // so all strings in the tree are valid UTF-8 whatever the input (tests/parser check this), but for one
  // bug of Gumbo 0.10.1: a numeric character reference past its int ("&#xEEEEEEEE;") becomes a byte that
  // is not UTF-8 (or a NUL that ends the C string) instead of U+FFFD. ExtractPage repairs its texts.
  explicit GumboDocument(std::string_view html);
  // Parses with caller-chosen options (benchmarks compare them). The allocator in `options` must stay
  // usable until the document is destroyed.
  GumboDocument(std::string_view html, const GumboOptions& options);
  ~GumboDocument();

  GumboDocument(const GumboDocument&) = delete;
  GumboDocument& operator=(const GumboDocument&) = delete;
  GumboDocument(GumboDocument&& other) noexcept;
  GumboDocument& operator=(GumboDocument&& other) noexcept;

  // The document node (GUMBO_NODE_DOCUMENT): doctype fields, and comments outside <html>.
  // Precondition for all three: the document has not been moved from.
  const GumboNode& document() const { return *output_->document; }
  // The <html> element. The parsing algorithm always creates one, with <head> and <body>, even for
  // empty input.
  const GumboNode& root() const { return *output_->root; }
  const GumboOutput& output() const { return *output_; }

 private:
  void Destroy();

  GumboOptions options_;
  GumboOutput* output_ = nullptr;
};

}  // namespace arachne
