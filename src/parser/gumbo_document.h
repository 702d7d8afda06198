// GumboDocument: owns the tree Gumbo builds from one HTML page and frees it exactly once.
//
// By default the tree is built in a GumboArena the document owns, and freed with it, all at once; a tree
// parsed with caller-chosen options is freed node by node with their deallocator.
//
// Gumbo implements the WHATWG HTML parsing algorithm (HTML Standard section 13.2), so any byte string
// yields a tree: the one a browser would build. Nodes, attribute values and text are owned by the
// document; `original_text` pieces inside nodes point into the caller's `html`, which must outlive them.
#pragma once

#include <gumbo.h>

#include <string_view>

#include "parser/gumbo_arena.h"

namespace arachne {

class GumboDocument {
 public:
  // The options Arachne parses with: Gumbo's defaults, except that no parse errors are recorded
  // (max_errors = 0): a crawler never reads them, and each costs allocations. The gain is small, about
  // 1% even on tag soup with ~300 errors a page (bench/parse_rate); Gumbo's own tokenizing and
  // allocation dominate. The allocator is still malloc's: the one-argument constructor adds the arena.
  static GumboOptions FastOptions();

  // Parses `html` with FastOptions() into the document's own GumboArena, which holds about twice the
  // tree's size (gumbo_arena.h) until the document is destroyed. Gumbo reads its input as UTF-8: every
  // ill-formed byte sequence becomes U+FFFD in text and attribute values and U+0000 is replaced or
  // dropped as the standard says, so all strings in the tree are valid UTF-8 whatever the input
  // (tests/parser check this), but for one bug of Gumbo 0.10.1: a numeric character reference past its
  // int ("&#xEEEEEEEE;") becomes a byte that is not UTF-8 (or a NUL that ends the C string) instead of
  // U+FFFD. ExtractPage repairs its texts.
  explicit GumboDocument(std::string_view html);
  // Parses with caller-chosen options, allocator included (benchmarks and tests compare them). The
  // allocator in `options` must stay usable until the document is destroyed, which frees the tree node
  // by node with their deallocator, flattening a deep tree first so that no stack overflows.
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

  // Holds the tree when it was parsed with the arena (in_arena_); empty otherwise. Declared before
  // output_, which the constructor parses into it.
  GumboArena arena_;
  bool in_arena_ = false;
  GumboOptions options_;
  GumboOutput* output_ = nullptr;
};

}  // namespace arachne
