// HtmlText: attribute values and title text as the HTML tokenizer hands them to the tree builder, for a
// reader that tokenizes without building a tree (html_scanner.h) and must agree with Gumbo 0.10.1.
//
// Two steps, in this order:
// - Input stream preprocessing (HTML Standard 13.2.3.5), as Gumbo does it: an ill-formed UTF-8 sequence
//   becomes U+FFFD, one per maximal subpart; so do U+0000 (in attribute values and RCDATA, 13.2.5) and,
//   beyond the standard (which only reports them), the code points Gumbo calls invalid: controls other
//   than tab, LF, FF and CR, U+007F..U+009F, and noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF).
// - Character references (13.2.5.72-80): &name; from the standard's table, longest match first, legacy
//   names without ';' too (but not in an attribute value when '=' or an alphanumeric follows), and
//   &#decimal; / &#xhex; with the standard's replacements (U+0000, surrogates and past U+10FFFF become
//   U+FFFD, 0x80..0x9F are read as windows-1252).
#pragma once

#include <string>
#include <string_view>

namespace arachne {

enum class HtmlTextKind {
  kAttributeValue,  // a quoted or unquoted attribute value, without its quotes
  kRcdata,          // the text of a <title> or <textarea>
};

// `raw` decoded. Returns `raw` itself when there is nothing to decode (the common case: ASCII without
// '&', NUL or controls), or else a view of `storage`, which it overwrites.
std::string_view DecodeHtmlText(std::string_view raw, HtmlTextKind kind, std::string& storage);

// Appends the UTF-8 form of code point `cp` (at most U+10FFFF) to `out`.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace arachne
