// What an extraction rule can take from an element of a Gumbo tree: the text it shows, its inner HTML, or
// one attribute's value.
//
// Every result is valid UTF-8 whatever the tree holds: Gumbo 0.10.1 turns a numeric character reference
// past its int ("&#xEEEEEEEE;") into a byte that is not UTF-8, so each string read from the tree is
// repaired (one U+FFFD per ill-formed maximal subpart, as common/utf8.h does). The walks are iterative:
// pages nest elements 100,000 deep, and a recursive walk would overflow the stack. Text and inner HTML
// stop walking once they hold `max_bytes`, so a huge element costs no more than that.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace arachne {

// The element's name as innerHTML writes it: its local name, lowercase for HTML elements, camel-cased for
// SVG ones (linearGradient), as the start tag spelt it (lowercased) for unknown ones.
std::string ElementName(const GumboNode& element);

// The text an element shows: the concatenated text of all its descendant text nodes (DOM Standard
// "descendant text content", what textContent returns: text, whitespace and CDATA nodes, script and style
// text included; not comments; a <template>'s contents excluded, as they are not its descendants), with
// runs of ASCII whitespace collapsed to one space and trimmed; valid UTF-8; cut at `max_bytes` between
// characters (a space the cut leaves at the end is trimmed too).
std::string ElementText(const GumboNode& element, std::size_t max_bytes);

// The element's inner HTML, serialized as the HTML Standard's "serializing HTML fragments" algorithm
// (section 13.3, as of 2025) does: what element.innerHTML returns in a browser for the same tree. Noscript
// text is serialized as with scripting disabled (escaped), because that is how Gumbo parsed it. Valid
// UTF-8; cut at `max_bytes` between characters, and serialization stops there.
std::string InnerHtml(const GumboNode& element, std::size_t max_bytes);

// The value of the attribute `name` (ASCII case-insensitive) as written in the page, character references
// decoded by the parser, made valid UTF-8; nullopt when the element has no such attribute. Attributes
// the parser put in a namespace answer to their qualified name, as DOM getAttribute does: an SVG
// "xlink:href" is found as "xlink:href", not "href".
std::optional<std::string> ElementAttribute(const GumboNode& element, std::string_view name);

}  // namespace arachne
