#include "extract/element_content.h"

#include <initializer_list>
#include <utility>
#include <vector>

#include "common/utf8.h"

namespace arachne {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool IsAsciiWhitespace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

char ToAsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToAsciiLower(a[i]) != ToAsciiLower(b[i])) return false;
  }
  return true;
}

// Gumbo's strings are NUL-terminated (text, comments, attribute values); a NUL that its numeric
// reference bug wrote into one ends it early, which is all the repair that NUL needs.
std::string_view CString(const char* text) {
  return text == nullptr ? std::string_view() : std::string_view(text);
}

// Calls `on_char(code_point, bytes)` for each character of `text`, each ill-formed maximal subpart as one
// U+FFFD (the WHATWG UTF-8 decoder's reading, as SanitizeUtf8 does), until it returns false.
template <typename OnChar>
void ForEachChar(std::string_view text, OnChar on_char) {
  std::size_t i = 0;
  while (i < text.size()) {
    const Utf8Step step = DecodeUtf8Step(text, i);
    const bool more = step.valid ? on_char(step.code_point, text.substr(i, step.length))
                                 : on_char(char32_t{0xFFFD}, kReplacement);
    if (!more) return;
    i += step.length;
  }
}

// A string that stops taking text once it holds more than `max_bytes`; Take() then cuts it back to
// `max_bytes` at a character boundary. Going one byte past the limit is what tells TruncateUtf8 whether
// the limit falls inside a character.
class BoundedString {
 public:
  explicit BoundedString(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  bool full() const { return text_.size() > max_bytes_; }
  bool empty() const { return text_.empty(); }
  // `valid` is well-formed UTF-8: one of this file's constants, or a character already checked.
  void Append(std::string_view valid) {
    if (!full()) text_.append(valid);
  }
  void PushBack(char c) {
    if (!full()) text_.push_back(c);
  }
  std::string Take() && {
    TruncateUtf8(text_, max_bytes_);
    return std::move(text_);
  }

 private:
  std::size_t max_bytes_;
  std::string text_;
};

const GumboVector* ChildrenOf(const GumboNode& node) {
  switch (node.type) {
    case GUMBO_NODE_DOCUMENT: return &node.v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: return &node.v.element.children;
    default: return nullptr;
  }
}

bool IsText(const GumboNode& node) {
  // CDATA sections occur only in SVG and MathML; the HTML parser makes their contents Text nodes
  // (HTML Standard 13.2.5.69), so they count as text in both walks.
  return node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_WHITESPACE || node.type == GUMBO_NODE_CDATA;
}

// One level of an iterative walk: a node and the index of its next child.
struct Frame {
  const GumboNode* node;
  unsigned next = 0;
};

// The next child of `frame`'s node, or nullptr when all have been visited.
const GumboNode* NextChild(Frame& frame) {
  const GumboVector* children = ChildrenOf(*frame.node);
  if (children == nullptr || frame.next >= children->length) return nullptr;
  return static_cast<const GumboNode*>(children->data[frame.next++]);
}

// ---- ElementText ----

// Text with runs of ASCII whitespace collapsed to one space as it is appended, leading and trailing
// whitespace dropped: a space is written only once a non-whitespace character follows it.
class CollapsedText {
 public:
  explicit CollapsedText(std::size_t max_bytes) : text_(max_bytes) {}

  bool full() const { return text_.full(); }
  void Append(std::string_view raw) {
    ForEachChar(raw, [this](char32_t code_point, std::string_view bytes) {
      if (IsAsciiWhitespace(code_point)) {
        space_pending_ = !text_.empty();
        return true;
      }
      if (space_pending_) text_.PushBack(' ');
      space_pending_ = false;
      text_.Append(bytes);
      return !text_.full();
    });
  }
  std::string Take() && {
    std::string text = std::move(text_).Take();
    if (!text.empty() && text.back() == ' ') text.pop_back();  // the cut fell just after a space
    return text;
  }

 private:
  BoundedString text_;
  bool space_pending_ = false;
};

// ---- InnerHtml: HTML Standard 13.3, "serializing HTML fragments" ----

enum class Escaping { kNone, kText, kAttribute };

// "Escaping a string" (13.3). Since whatwg/html PR #6362 (2025; shipped in Chrome, in Firefox 140 and in
// WebKit) '<' and '>' are escaped in attribute values too, not only in text.
void AppendEscaped(BoundedString& out, std::string_view raw, Escaping escaping) {
  ForEachChar(raw, [&out, escaping](char32_t code_point, std::string_view bytes) {
    if (escaping == Escaping::kNone) {
      out.Append(bytes);
    } else if (code_point == '&') {
      out.Append("&amp;");
    } else if (code_point == 0xA0) {
      out.Append("&nbsp;");
    } else if (code_point == '<') {
      out.Append("&lt;");
    } else if (code_point == '>') {
      out.Append("&gt;");
    } else if (code_point == '"' && escaping == Escaping::kAttribute) {
      out.Append("&quot;");
    } else {
      out.Append(bytes);
    }
    return !out.full();
  });
}

// An unknown element's name as the tokenizer read it (13.2.5.8, tag name state) from the start tag in
// `original_tag`: up to whitespace, '/' or '>', ASCII upper case lowered, NUL as U+FFFD, valid UTF-8.
// gumbo_tag_from_original_text would stop at any isspace() byte, vertical tab included, which the
// tokenizer keeps in the name.
std::string UnknownTagName(const GumboStringPiece& original_tag) {
  std::string name;
  std::string_view text(original_tag.data, original_tag.data == nullptr ? 0 : original_tag.length);
  if (!text.empty() && text.front() == '<') text.remove_prefix(1);
  ForEachChar(text, [&name](char32_t code_point, std::string_view bytes) {
    if (IsAsciiWhitespace(code_point) || code_point == '/' || code_point == '>') return false;
    if (code_point == 0) {
      name += kReplacement;
    } else {
      for (char c : bytes) name.push_back(ToAsciiLower(c));
    }
    return true;
  });
  return name;
}

// The name the serializer writes for an element: its local name (13.3: HTML, SVG and MathML elements
// are written by local name), which for an SVG element is the camel-cased form of the tree builder's
// "adjust SVG tag names" table (13.2.6.5). `storage` holds it when it is not a constant.
std::string_view LocalName(const GumboElement& element, std::string& storage) {
  std::string_view name;
  if (element.tag == GUMBO_TAG_UNKNOWN) {
    storage = UnknownTagName(element.original_tag);
    name = storage;
  } else {
    name = gumbo_normalized_tagname(element.tag);
  }
  if (element.tag_namespace != GUMBO_NAMESPACE_SVG) return name;
  const GumboStringPiece piece{name.data(), name.size()};
  if (const char* adjusted = gumbo_normalize_svg_tagname(&piece)) return adjusted;
  // Added to the standard's table after Gumbo 0.10.1 was released.
  if (name == "fedropshadow") return "feDropShadow";
  return name;
}

// The prefix of an attribute's serialized name (13.3): the tree builder's "adjust foreign attributes"
// step (13.2.6.5) puts xlink:*, xml:* and xmlns attributes of SVG and MathML elements in a namespace,
// and Gumbo keeps only the local name in `name`.
std::string_view AttributePrefix(const GumboAttribute& attribute) {
  switch (attribute.attr_namespace) {
    case GUMBO_ATTR_NAMESPACE_XLINK: return "xlink:";
    case GUMBO_ATTR_NAMESPACE_XML: return "xml:";
    case GUMBO_ATTR_NAMESPACE_XMLNS: return CString(attribute.name) == "xmlns" ? "" : "xmlns:";
    default: return "";
  }
}

bool IsHtmlElement(const GumboNode& node, std::initializer_list<GumboTag> tags) {
  if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_TEMPLATE) return false;
  if (node.v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return false;
  for (GumboTag tag : tags) {
    if (node.v.element.tag == tag) return true;
  }
  return false;
}

// 13.3 "serializes as void": no end tag, and no contents written.
bool SerializesAsVoid(const GumboNode& node) {
  return IsHtmlElement(
      node,
      {GUMBO_TAG_AREA, GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_BR, GUMBO_TAG_COL,
       GUMBO_TAG_EMBED, GUMBO_TAG_FRAME, GUMBO_TAG_HR, GUMBO_TAG_IMG, GUMBO_TAG_INPUT, GUMBO_TAG_KEYGEN,
       GUMBO_TAG_LINK, GUMBO_TAG_META, GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK, GUMBO_TAG_WBR});
}

// 13.3: the text of these elements is written as it is. The standard adds noscript "if scripting is
// enabled for the node"; Gumbo parses with scripting disabled (noscript's contents are markup, as in
// DOMParser's documents), so noscript text is escaped like any other, which keeps the output re-parsable
// into the same tree.
bool HoldsRawText(const GumboNode& parent) {
  return IsHtmlElement(parent, {GUMBO_TAG_STYLE, GUMBO_TAG_SCRIPT, GUMBO_TAG_XMP, GUMBO_TAG_IFRAME,
                                GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES, GUMBO_TAG_PLAINTEXT});
}

void AppendStartTag(BoundedString& out, const GumboElement& element, std::string& storage) {
  out.PushBack('<');
  out.Append(LocalName(element, storage));
  for (unsigned i = 0; i < element.attributes.length && !out.full(); ++i) {
    const auto& attribute = *static_cast<const GumboAttribute*>(element.attributes.data[i]);
    out.PushBack(' ');
    out.Append(AttributePrefix(attribute));
    AppendEscaped(out, CString(attribute.name), Escaping::kNone);
    out.Append("=\"");
    AppendEscaped(out, CString(attribute.value), Escaping::kAttribute);
    out.PushBack('"');
  }
  out.PushBack('>');
}

void AppendEndTag(BoundedString& out, const GumboElement& element, std::string& storage) {
  out.Append("</");
  out.Append(LocalName(element, storage));
  out.PushBack('>');
}

// Writes one child of `parent`; returns true when its own children are to be written next. The
// standard's 13.3 also writes processing instructions and doctypes, which an HTML parser never puts
// inside an element.
bool AppendNode(BoundedString& out, const GumboNode& node, const GumboNode& parent, std::string& storage) {
  switch (node.type) {
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: AppendStartTag(out, node.v.element, storage); return !SerializesAsVoid(node);
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      AppendEscaped(out, CString(node.v.text.text), HoldsRawText(parent) ? Escaping::kNone : Escaping::kText);
      return false;
    case GUMBO_NODE_COMMENT:
      out.Append("<!--");
      AppendEscaped(out, CString(node.v.text.text), Escaping::kNone);
      out.Append("-->");
      return false;
    default: return false;
  }
}

}  // namespace

std::string ElementName(const GumboNode& element) {
  if (element.type != GUMBO_NODE_ELEMENT && element.type != GUMBO_NODE_TEMPLATE) return std::string();
  std::string storage;
  return std::string(LocalName(element.v.element, storage));
}

std::string ElementText(const GumboNode& element, std::size_t max_bytes) {
  // Only an element (or a document) has descendants. A <template>'s contents live in a separate document
  // fragment (HTML Standard 4.12.3): they are not its children, so they add nothing to its text, nor to
  // its ancestors' (the walk below does not enter them either).
  if (element.type != GUMBO_NODE_ELEMENT && element.type != GUMBO_NODE_DOCUMENT) return std::string();
  CollapsedText text(max_bytes);
  std::vector<Frame> stack{Frame{&element}};
  while (!stack.empty() && !text.full()) {
    const GumboNode* child = NextChild(stack.back());
    if (child == nullptr) {
      stack.pop_back();
    } else if (child->type == GUMBO_NODE_ELEMENT) {
      stack.push_back(Frame{child});
    } else if (IsText(*child)) {
      text.Append(CString(child->v.text.text));
    }
  }
  return std::move(text).Take();
}

std::string InnerHtml(const GumboNode& element, std::size_t max_bytes) {
  BoundedString out(max_bytes);
  if (SerializesAsVoid(element)) return std::string();
  // A <template>'s children in Gumbo are its template contents, which 13.3 serializes in their place.
  std::vector<Frame> stack{Frame{&element}};
  std::string storage;
  while (!stack.empty() && !out.full()) {
    const GumboNode& parent = *stack.back().node;
    const GumboNode* child = NextChild(stack.back());
    if (child == nullptr) {
      stack.pop_back();
      if (!stack.empty()) AppendEndTag(out, parent.v.element, storage);
    } else if (AppendNode(out, *child, parent, storage)) {
      stack.push_back(Frame{child});
    }
  }
  return std::move(out).Take();
}

std::optional<std::string> ElementAttribute(const GumboNode& element, std::string_view name) {
  if (element.type != GUMBO_NODE_ELEMENT && element.type != GUMBO_NODE_TEMPLATE) return std::nullopt;
  const GumboVector& attributes = element.v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto& attribute = *static_cast<const GumboAttribute*>(attributes.data[i]);
    const std::string_view prefix = AttributePrefix(attribute);
    if (name.size() < prefix.size() || !EqualsIgnoreAsciiCase(name.substr(0, prefix.size()), prefix) ||
        !EqualsIgnoreAsciiCase(name.substr(prefix.size()), CString(attribute.name))) {
      continue;
    }
    return SanitizeUtf8(CString(attribute.value));
  }
  return std::nullopt;
}

}  // namespace arachne
