#include "parser/html_scanner.h"

#include <cstring>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "parser/html_text.h"

namespace arachne {
namespace {

bool IsWs(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }
bool IsAlpha(char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

// The tag names the scanner acts on. Everything else is kOther.
enum class TagName : unsigned char {
  kOther,
  kA,
  kArea,
  kLink,
  kIframe,
  kFrame,
  kBase,
  kTitle,
  kMeta,
  kScript,
  kRawtext,  // style, xmp, noembed, noframes: their content is text up to their end tag
  kTextarea,
  kPlaintext,
  kTemplate,
  kSelect,
  kInput,   // input, keygen: close a <select>
  kTable,
  kTableInner,  // caption, tbody, tfoot, thead, tr, td, th: close a <select> inside a table
  kSvg,
  kMath,
  kFont,
  kBreakout,  // the start tags that end foreign content (13.2.6.5)
  kFrameset,
  kBody,
  kHead,
  kHeadOnly,  // html, basefont, bgsound, menuitem, noscript: do not start the body
  kNotFramesetOk,  // start tags after which a <frameset> is ignored (besides those above)
  kIntegration,    // foreignobject, desc: SVG HTML integration points (title is one too)
  kMathText,       // mi, mo, mn, ms, mtext: MathML text integration points
  kAnnotationXml,
  kMathGlyph,  // mglyph, malignmark: stay MathML inside a text integration point
  kNoframes,
  kStyle,
  kXmp,
  kNoembed,
};

struct NameEntry {
  std::string_view name;  // not a const char*: comparing with one would measure it each time (strlen)
  TagName tag;
};

// Elements whose end tag, met inside <svg> or <math>, closes the foreign content too when one of them
// is open around it (the tree builder then pops the SVG or MathML elements with it). The scanner counts
// their open start tags. Elements that other tags close implicitly (p, li, td ...) are left out, since
// counting cannot see those closes.
constexpr std::string_view kCountedNames[] = {
    "a", "address", "article", "aside", "b", "big", "blockquote", "button", "caption", "center", "code",
    "details", "dialog", "div", "dl", "em", "fieldset", "figure", "font", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "i", "label", "main", "menu", "nav", "nobr", "object", "ol", "pre", "ruby", "s",
    "section", "small", "span", "strike", "strong", "sub", "sup", "table", "template", "tt", "u", "ul", "var"};

constexpr NameEntry kNames[] = {
    {"a", TagName::kA},
    {"b", TagName::kBreakout},
    {"i", TagName::kBreakout},
    {"p", TagName::kBreakout},
    {"s", TagName::kBreakout},
    {"u", TagName::kBreakout},
    {"br", TagName::kBreakout},
    {"dd", TagName::kBreakout},
    {"dl", TagName::kBreakout},
    {"dt", TagName::kBreakout},
    {"em", TagName::kBreakout},
    {"h1", TagName::kBreakout},
    {"h2", TagName::kBreakout},
    {"h3", TagName::kBreakout},
    {"h4", TagName::kBreakout},
    {"h5", TagName::kBreakout},
    {"h6", TagName::kBreakout},
    {"hr", TagName::kBreakout},
    {"li", TagName::kBreakout},
    {"mi", TagName::kMathText},
    {"mn", TagName::kMathText},
    {"mo", TagName::kMathText},
    {"ms", TagName::kMathText},
    {"ol", TagName::kBreakout},
    {"td", TagName::kTableInner},
    {"th", TagName::kTableInner},
    {"tr", TagName::kTableInner},
    {"tt", TagName::kBreakout},
    {"ul", TagName::kBreakout},
    {"big", TagName::kBreakout},
    {"div", TagName::kBreakout},
    {"img", TagName::kBreakout},
    {"pre", TagName::kBreakout},
    {"sub", TagName::kBreakout},
    {"sup", TagName::kBreakout},
    {"svg", TagName::kSvg},
    {"var", TagName::kBreakout},
    {"wbr", TagName::kNotFramesetOk},
    {"xmp", TagName::kXmp},
    {"area", TagName::kArea},
    {"base", TagName::kBase},
    {"body", TagName::kBody},
    {"code", TagName::kBreakout},
    {"desc", TagName::kIntegration},
    {"font", TagName::kFont},
    {"head", TagName::kHead},
    {"html", TagName::kHeadOnly},
    {"link", TagName::kLink},
    {"math", TagName::kMath},
    {"menu", TagName::kBreakout},
    {"meta", TagName::kMeta},
    {"nobr", TagName::kBreakout},
    {"ruby", TagName::kBreakout},
    {"span", TagName::kBreakout},
    {"frame", TagName::kFrame},
    {"image", TagName::kNotFramesetOk},
    {"input", TagName::kInput},
    {"embed", TagName::kBreakout},
    {"mtext", TagName::kMathText},
    {"small", TagName::kBreakout},
    {"style", TagName::kStyle},
    {"table", TagName::kTable},
    {"tbody", TagName::kTableInner},
    {"tfoot", TagName::kTableInner},
    {"thead", TagName::kTableInner},
    {"title", TagName::kTitle},
    {"applet", TagName::kNotFramesetOk},
    {"button", TagName::kNotFramesetOk},
    {"center", TagName::kBreakout},
    {"iframe", TagName::kIframe},
    {"keygen", TagName::kInput},
    {"mglyph", TagName::kMathGlyph},
    {"object", TagName::kNotFramesetOk},
    {"script", TagName::kScript},
    {"select", TagName::kSelect},
    {"strike", TagName::kBreakout},
    {"strong", TagName::kBreakout},
    {"bgsound", TagName::kHeadOnly},
    {"caption", TagName::kTableInner},
    {"isindex", TagName::kNotFramesetOk},
    {"listing", TagName::kBreakout},
    {"marquee", TagName::kNotFramesetOk},
    {"noembed", TagName::kNoembed},
    {"basefont", TagName::kHeadOnly},
    {"frameset", TagName::kFrameset},
    {"menuitem", TagName::kHeadOnly},
    {"noframes", TagName::kNoframes},
    {"noscript", TagName::kHeadOnly},
    {"template", TagName::kTemplate},
    {"textarea", TagName::kTextarea},
    {"plaintext", TagName::kPlaintext},
    {"blockquote", TagName::kBreakout},
    {"address", TagName::kOther},
    {"article", TagName::kOther},
    {"aside", TagName::kOther},
    {"details", TagName::kOther},
    {"dialog", TagName::kOther},
    {"fieldset", TagName::kOther},
    {"figure", TagName::kOther},
    {"footer", TagName::kOther},
    {"form", TagName::kOther},
    {"header", TagName::kOther},
    {"label", TagName::kOther},
    {"main", TagName::kOther},
    {"nav", TagName::kOther},
    {"section", TagName::kOther},
    {"malignmark", TagName::kMathGlyph},
    {"foreignobject", TagName::kIntegration},
    {"annotation-xml", TagName::kAnnotationXml},
};
constexpr std::size_t kLongestTagName = 14;

constexpr int kNoEntry = -1;

// Tag names bucketed by length and first letter, built once from kNames.
class TagNameTable {
 public:
  TagNameTable() {
    for (std::size_t i = 0; i < std::size(kNames); ++i) {
      const std::string_view name = kNames[i].name;
      buckets_[Bucket(name)].push_back(static_cast<unsigned char>(i));
      for (std::string_view counted : kCountedNames) {
        if (name == counted) counted_[i] = true;
      }
    }
  }

  // The index in kNames of `lower`, the tag name lowercased (at most kLongestTagName bytes), or kNoEntry.
  int Find(std::string_view lower) const {
    if (lower.empty() || !IsAlpha(lower[0])) return kNoEntry;
    for (unsigned char i : buckets_[Bucket(lower)]) {
      if (lower == kNames[i].name) return i;
    }
    return kNoEntry;
  }

  bool Counted(int entry) const { return entry != kNoEntry && counted_[static_cast<std::size_t>(entry)]; }

 private:
  static std::size_t Bucket(std::string_view name) {
    return name.size() * 26 + static_cast<std::size_t>(name[0] - 'a');
  }
  std::vector<unsigned char> buckets_[(kLongestTagName + 1) * 26];
  bool counted_[std::size(kNames)] = {};
};

const TagNameTable& Names() {
  static const TagNameTable table;
  return table;
}

// Whether a start tag in the body sets the frameset-ok flag to "not ok" (Gumbo 0.10.1's in-body rules).
bool SetsFramesetNotOk(TagName tag, std::string_view lower) {
  switch (tag) {
    case TagName::kNotFramesetOk:
    case TagName::kArea:
    case TagName::kIframe:
    case TagName::kSelect:
    case TagName::kTable:
    case TagName::kTextarea:
    case TagName::kXmp:
    case TagName::kTemplate:
    case TagName::kBody: return true;
    case TagName::kBreakout:
      return lower == "li" || lower == "dd" || lower == "dt" || lower == "pre" || lower == "listing" ||
             lower == "br" || lower == "embed" || lower == "img" || lower == "hr";
    default: return false;
  }
}

// An attribute as the tokenizer met it: raw name and value (without quotes).
struct RawAttribute {
  std::string_view name;
  std::string_view value;
};

// The attributes of a tag the scanner reads values of; the first of each name counts (13.2.5.33: a
// duplicate attribute is dropped).
struct TagAttributes {
  const RawAttribute* href = nullptr;
  const RawAttribute* src = nullptr;
  const RawAttribute* rel = nullptr;
  const RawAttribute* name = nullptr;
  const RawAttribute* content = nullptr;
  const RawAttribute* encoding = nullptr;
  const RawAttribute* type = nullptr;
  bool font_breakout = false;  // has color, face or size
};

struct Tag {
  bool end = false;
  bool self_closing = false;
  std::string_view raw_name;
  char lower[kLongestTagName + 1] = {};
  std::size_t lower_size = 0;  // 0 when the name is longer than kLongestTagName
  int entry = kNoEntry;  // in kNames
  TagName name = TagName::kOther;
  std::vector<RawAttribute> attributes;

  std::string_view Lower() const { return {lower, lower_size}; }
};

// An element of foreign content (13.2.6.5) on the scanner's stack: SVG or MathML.
struct ForeignElement {
  std::string name;  // lowercased
  bool math = false;
  bool html_integration = false;  // foreignObject, desc, title; annotation-xml with an HTML encoding
  bool math_text = false;         // mi, mo, mn, ms, mtext
  bool annotation_xml = false;
  // HTML elements opened inside this integration point and not closed yet, as far as the scanner can
  // tell: while there are any, end tags are theirs (the tree builder reads them by the HTML rules).
  int html_children = 0;
};

class Scanner {
 public:
  Scanner(std::string_view html, PageMarkup& out) : begin_(html.data()), end_(html.data() + html.size()), out_(out) {}

  void Run() {
    const char* p = begin_;
    while (p < end_) {
      const char* lt = static_cast<const char*>(std::memchr(p, '<', static_cast<std::size_t>(end_ - p)));
      if ((frameset_ok_ || !in_body_) && !frameset_) SeeText(p, lt == nullptr ? end_ : lt);
      if (lt == nullptr) return;
      p = Markup(lt);
    }
  }

 private:
  // --- tokenizer ----------------------------------------------------------------------------------

  // At a '<' in the data state: reads what starts there and returns where the data state goes on.
  const char* Markup(const char* lt) {
    const char* p = lt + 1;
    if (p >= end_) return end_;
    const char c = *p;
    if (IsAlpha(c)) return StartOrEndTag(p, false);
    if (c == '/') {
      ++p;
      if (p >= end_) return end_;
      if (IsAlpha(*p)) return StartOrEndTag(p, true);
      if (*p == '>') return p + 1;  // "</>" is dropped
      return SkipPast(p, '>');      // a bogus comment
    }
    if (c == '!') return MarkupDeclaration(p + 1);
    if (c == '?') return SkipPast(p, '>');
    SeeText(lt, lt + 1);  // a '<' that starts nothing is text
    return p;
  }

  const char* SkipPast(const char* p, char c) const {
    const void* hit = std::memchr(p, c, static_cast<std::size_t>(end_ - p));
    return hit == nullptr ? end_ : static_cast<const char*>(hit) + 1;
  }

  bool StartsWith(const char* p, std::string_view s) const {
    return static_cast<std::size_t>(end_ - p) >= s.size() && std::memcmp(p, s.data(), s.size()) == 0;
  }

  bool StartsWithIgnoringCase(const char* p, std::string_view lower) const {
    if (static_cast<std::size_t>(end_ - p) < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i) {
      if (Lower(p[i]) != lower[i]) return false;
    }
    return true;
  }

  // After "<!": a comment, a doctype, CDATA in foreign content, or a bogus comment.
  const char* MarkupDeclaration(const char* p) {
    if (StartsWith(p, "--")) return Comment(p + 2);
    if (StartsWithIgnoringCase(p, "doctype")) return SkipPast(p, '>');
    if (StartsWith(p, "[CDATA[") && InForeignContent()) {
      const char* q = p + 7;
      while (q < end_) {
        const char* bracket = static_cast<const char*>(std::memchr(q, ']', static_cast<std::size_t>(end_ - q)));
        if (bracket == nullptr) break;
        if (StartsWith(bracket, "]]>")) {
          SeeText(p + 7, bracket);
          return bracket + 3;
        }
        q = bracket + 1;
      }
      SeeText(p + 7, end_);
      return end_;
    }
    return SkipPast(p, '>');
  }

  // After "<!--" (13.2.5.43-52): the comment ends at "-->" or "--!>", or at once with "<!-->" and "<!--->".
  const char* Comment(const char* p) {
    if (StartsWith(p, ">")) return p + 1;
    if (StartsWith(p, "->")) return p + 2;
    const char* q = p;
    while (q < end_) {
      const char* dash = static_cast<const char*>(std::memchr(q, '-', static_cast<std::size_t>(end_ - q)));
      if (dash == nullptr || dash + 1 >= end_) return end_;
      if (dash[1] != '-') {
        q = dash + 1;
        continue;
      }
      const char* r = dash + 2;
      while (r < end_ && *r == '-') ++r;
      if (r < end_ && *r == '>') return r + 1;
      if (StartsWith(r, "!>")) return r + 2;
      q = r;
    }
    return end_;
  }

  // At the first letter of a tag name: reads the tag and its attributes (13.2.5.8-40), then acts on it.
  // A tag cut by the end of the input is dropped, as the standard says.
  const char* StartOrEndTag(const char* p, bool end) {
    Tag& tag = tag_;
    tag.end = end;
    tag.self_closing = false;
    tag.attributes.clear();
    const char* name_start = p;
    while (p < end_ && !IsWs(*p) && *p != '/' && *p != '>') ++p;
    if (p >= end_) return end_;
    tag.raw_name = std::string_view(name_start, static_cast<std::size_t>(p - name_start));
    tag.lower_size = 0;
    if (tag.raw_name.size() <= kLongestTagName) {
      for (std::size_t i = 0; i < tag.raw_name.size(); ++i) tag.lower[i] = Lower(tag.raw_name[i]);
      tag.lower_size = tag.raw_name.size();
    }
    tag.entry = tag.lower_size == 0 ? kNoEntry : names_.Find(tag.Lower());
    tag.name = tag.entry == kNoEntry ? TagName::kOther : kNames[tag.entry].tag;
    p = Attributes(p, tag);
    if (p == nullptr) return end_;
    return end ? EndTag(tag, p) : StartTag(tag, p);
  }

  // Reads attributes up to and including the '>' that ends the tag. Returns where the data state goes
  // on, or nullptr if the input ends first.
  const char* Attributes(const char* p, Tag& tag) const {
    while (true) {
      // Before attribute name.
      while (p < end_ && IsWs(*p)) ++p;
      if (p >= end_) return nullptr;
      if (*p == '>') return p + 1;
      if (*p == '/') {
        ++p;
        if (p >= end_) return nullptr;
        if (*p == '>') {
          tag.self_closing = true;
          return p + 1;
        }
        continue;  // "/" not before ">" is dropped
      }
      // Attribute name: its first character is taken whatever it is ('=' too).
      const char* name_start = p++;
      while (p < end_ && !IsWs(*p) && *p != '/' && *p != '>' && *p != '=') ++p;
      RawAttribute attribute{std::string_view(name_start, static_cast<std::size_t>(p - name_start)), {}};
      // After attribute name.
      while (p < end_ && IsWs(*p)) ++p;
      if (p >= end_) return nullptr;
      if (*p == '=') {
        ++p;
        while (p < end_ && IsWs(*p)) ++p;
        if (p >= end_) return nullptr;
        if (*p == '"' || *p == '\'') {
          const char quote = *p++;
          const char* close = static_cast<const char*>(std::memchr(p, quote, static_cast<std::size_t>(end_ - p)));
          if (close == nullptr) return nullptr;
          attribute.value = std::string_view(p, static_cast<std::size_t>(close - p));
          p = close + 1;  // after the value: anything but whitespace, '/' or '>' starts the next name
        } else if (*p != '>') {
          const char* value_start = p;
          while (p < end_ && !IsWs(*p) && *p != '>') ++p;
          if (p >= end_) return nullptr;
          attribute.value = std::string_view(value_start, static_cast<std::size_t>(p - value_start));
        }
      }
      tag.attributes.push_back(attribute);
    }
  }

  // The text of an RCDATA, RAWTEXT or script element ends at "</name" followed by whitespace, '/' or
  // '>' (13.2.5.11-13, "appropriate end tag"). Returns the position of that '<', or end_.
  const char* FindEndTag(const char* p, std::string_view lower_name) const {
    while (p < end_) {
      const char* lt = static_cast<const char*>(std::memchr(p, '<', static_cast<std::size_t>(end_ - p)));
      if (lt == nullptr) return end_;
      if (IsEndTagOf(lt, lower_name)) return lt;
      p = lt + 1;
    }
    return end_;
  }

  bool IsEndTagOf(const char* lt, std::string_view lower_name) const {
    const char* q = lt + 1;
    if (q >= end_ || *q != '/') return false;
    ++q;
    if (!StartsWithIgnoringCase(q, lower_name)) return false;
    q += lower_name.size();
    return q < end_ && (IsWs(*q) || *q == '/' || *q == '>');
  }

  // Script data (13.2.5.4, 15-31): "<!--" starts an escaped section in which "<script" starts a double
  // escaped one, where "</script>" does not end the script; "-->" (two dashes or more, then '>') ends
  // either. Returns the '<' of the end tag, or end_.
  const char* FindScriptEnd(const char* p) const {
    enum { kData, kEscaped, kDoubleEscaped } state = kData;
    int dashes = 0;  // the dashes just before p, in the escaped states
    while (p < end_) {
      if (state == kData) {
        const char* lt = static_cast<const char*>(std::memchr(p, '<', static_cast<std::size_t>(end_ - p)));
        if (lt == nullptr) return end_;
        if (IsEndTagOf(lt, "script")) return lt;
        if (StartsWith(lt, "<!--")) {
          state = kEscaped;
          dashes = 2;  // "<!-->" is a whole escape
          p = lt + 4;
        } else {
          p = lt + 1;
        }
        continue;
      }
      const char c = *p;
      if (c == '-') {
        ++dashes;
        ++p;
        continue;
      }
      if (c == '>' && dashes >= 2) {
        state = kData;
        dashes = 0;
        ++p;
        continue;
      }
      dashes = 0;
      if (c == '<') {
        if (state == kEscaped) {
          if (IsEndTagOf(p, "script")) return p;
          if (p + 1 < end_ && ScriptWordAt(p + 1)) {
            state = kDoubleEscaped;
            p += 7;  // the delimiter after "<script" is an ordinary character
            continue;
          }
        } else if (p + 2 < end_ && p[1] == '/' && ScriptWordAt(p + 2)) {
          state = kEscaped;
          p += 8;
          continue;
        }
      }
      ++p;
    }
    return end_;
  }

  // "script" followed by whitespace, '/' or '>', ASCII case-insensitive.
  bool ScriptWordAt(const char* p) const {
    if (!StartsWithIgnoringCase(p, "script")) return false;
    const char* q = p + 6;
    return q < end_ && (IsWs(*q) || *q == '/' || *q == '>');
  }

  // --- tree construction, as far as the record needs it --------------------------------------------

  bool InForeignContent() const { return !foreign_.empty(); }
  bool InTemplate() const { return template_depth_ > 0; }
  bool InSelect() const { return in_select_ && template_depth_ == select_template_depth_; }

  // Characters in the data state: only whether they are whitespace matters, and only until the body
  // can no longer become a frameset.
  void SeeText(const char* p, const char* end) {
    for (; p < end; ++p) {
      if (!IsWs(*p) && *p != '\0') {
        EnterBody();
        frameset_ok_ = false;
        return;
      }
    }
  }

  void EnterBody() {
    if (in_body_) return;
    in_body_ = true;
    body_mark_ = Mark();
  }

  const char* StartTag(const Tag& tag, const char* p) {
    if (frameset_) return FramesetStartTag(tag, p);
    if (InSelect()) {
      switch (tag.name) {
        case TagName::kSelect: in_select_ = false; return p;  // acts as </select>
        case TagName::kInput:
        case TagName::kTextarea: in_select_ = false; break;   // closes the select, then is itself
        case TagName::kTableInner:
        case TagName::kTable:
          if (!select_in_table_) return p;
          in_select_ = false;
          break;
        case TagName::kScript: return FindScriptEnd(p);
        case TagName::kTemplate: ++template_depth_; return p;
        default: return p;  // ignored: option, optgroup and the rest (13.2.6.4.16)
      }
    }
    if (InForeignContent()) {
      const ForeignElement& top = foreign_.back();
      const bool html_rules = top.html_integration ||
                              (top.math_text && tag.name != TagName::kMathGlyph) ||
                              (top.annotation_xml && tag.name == TagName::kSvg);
      if (!html_rules) {
        const bool breakout = tag.name == TagName::kBreakout ||
                              (tag.name == TagName::kFont && ReadAttributes(tag).font_breakout) ||
                              tag.name == TagName::kBody || tag.name == TagName::kHead ||
                              tag.name == TagName::kMeta || tag.name == TagName::kTable;
        if (!breakout) return ForeignStartTag(tag, p, top.math);
        while (!foreign_.empty() && !foreign_.back().html_integration && !foreign_.back().math_text) {
          foreign_.pop_back();
        }
      }
    }
    return HtmlStartTag(tag, p);
  }

  // A start tag inside <svg> or <math>, outside an integration point: an element of that namespace.
  const char* ForeignStartTag(const Tag& tag, const char* p, bool math) {
    const TagAttributes a = ReadAttributes(tag);
    // Gumbo's tag enum ignores the namespace, so <svg><a href> is a link as <a href> is.
    switch (tag.name) {
      case TagName::kA:
      case TagName::kArea: AddHref(a.href, a.rel); break;
      case TagName::kIframe:
      case TagName::kFrame: AddHref(a.src, a.rel); break;
      case TagName::kLink: AddLink(a); break;
      default: break;
    }
    if (tag.self_closing) return p;
    ForeignElement element;
    element.name = LowerName(tag.raw_name);
    element.math = math;
    if (math) {
      element.math_text = tag.name == TagName::kMathText;
      element.annotation_xml = tag.name == TagName::kAnnotationXml;
      element.html_integration = element.annotation_xml && a.encoding != nullptr &&
                                 (EqualsAsciiCaseInsensitive(a.encoding->value, "text/html") ||
                                  EqualsAsciiCaseInsensitive(a.encoding->value, "application/xhtml+xml"));
    } else {
      element.html_integration = tag.name == TagName::kIntegration || tag.name == TagName::kTitle;
    }
    foreign_.push_back(std::move(element));
    return p;
  }

  const char* HtmlStartTag(const Tag& tag, const char* p) {
    const TagName name = tag.name;
    if (names_.Counted(tag.entry)) ++open_[static_cast<std::size_t>(tag.entry)];
    if (InForeignContent() && name != TagName::kSvg && name != TagName::kMath && !IsVoid(tag)) {
      ++foreign_.back().html_children;
    }
    if (!in_body_ && !StaysInHead(tag)) EnterBody();
    if (frameset_ok_) {
      if (name == TagName::kInput) {
        if (tag.Lower() == "keygen" || !IsHiddenInput(tag)) frameset_ok_ = false;
      } else if (SetsFramesetNotOk(name, tag.Lower())) {
        frameset_ok_ = false;
      }
    }
    switch (name) {
      case TagName::kA:
      case TagName::kArea: {
        const TagAttributes a = ReadAttributes(tag);
        AddHref(a.href, a.rel);
        return p;
      }
      case TagName::kLink: AddLink(ReadAttributes(tag)); return p;
      case TagName::kIframe: {
        const TagAttributes a = ReadAttributes(tag);
        AddHref(a.src, a.rel);
        return FindEndTag(p, "iframe");
      }
      case TagName::kBase:
        if (!out_.base_href && !InTemplate()) {
          const TagAttributes a = ReadAttributes(tag);
          if (a.href != nullptr) out_.base_href = Decode(*a.href);
        }
        return p;
      case TagName::kMeta: ReadMeta(tag); return p;
      case TagName::kTitle: {
        const char* end = FindEndTag(p, "title");
        if (!out_.title && !InTemplate()) out_.title = Decode(std::string_view(p, static_cast<std::size_t>(end - p)), HtmlTextKind::kRcdata);
        return end;
      }
      case TagName::kTextarea: return FindEndTag(p, "textarea");
      case TagName::kStyle: return FindEndTag(p, "style");
      case TagName::kXmp: return FindEndTag(p, "xmp");
      case TagName::kNoembed: return FindEndTag(p, "noembed");
      case TagName::kNoframes: return FindEndTag(p, "noframes");
      case TagName::kScript: return FindScriptEnd(p);
      case TagName::kPlaintext: return end_;
      case TagName::kTemplate: ++template_depth_; return p;
      case TagName::kSelect:
        in_select_ = true;
        select_in_table_ = table_depth_ > 0;
        select_template_depth_ = template_depth_;
        return p;
      case TagName::kTable: ++table_depth_; return p;
      case TagName::kSvg:
      case TagName::kMath:
        if (!tag.self_closing) {
          ForeignElement element;
          element.name = name == TagName::kSvg ? "svg" : "math";
          element.math = name == TagName::kMath;
          foreign_.push_back(std::move(element));
        }
        return p;
      case TagName::kFrameset:
        if (!in_body_ || frameset_ok_) StartFrameset();
        return p;
      default: return p;
    }
  }

  // Start tags that, before the body, go in the head (13.2.6.4.4-6) rather than start the body.
  static bool StaysInHead(const Tag& tag) {
    switch (tag.name) {
      case TagName::kHead:
      case TagName::kHeadOnly:
      case TagName::kBase:
      case TagName::kLink:
      case TagName::kMeta:
      case TagName::kTitle:
      case TagName::kScript:
      case TagName::kStyle:
      case TagName::kNoframes:
      case TagName::kTemplate:
      case TagName::kFrameset: return true;
      default: return false;
    }
  }

  // Void elements (13.1.2) and the others the tree builder closes at once: they hold no children.
  static bool IsVoid(const Tag& tag) {
    switch (tag.name) {
      case TagName::kArea:
      case TagName::kBase:
      case TagName::kLink:
      case TagName::kMeta:
      case TagName::kFrame:
      case TagName::kInput: return true;
      default: break;
    }
    const std::string_view n = tag.Lower();
    return n == "br" || n == "col" || n == "embed" || n == "hr" || n == "img" || n == "image" || n == "param" ||
           n == "source" || n == "track" || n == "wbr" || n == "basefont" || n == "bgsound" || n == "menuitem";
  }

  static bool IsHiddenInput(const Tag& tag) {
    for (const RawAttribute& attribute : tag.attributes) {
      if (EqualsAsciiCaseInsensitive(attribute.name, "type")) return EqualsAsciiCaseInsensitive(attribute.value, "hidden");
    }
    return false;
  }

  // A <frameset> the tree builder accepts (13.2.6.4.7): the body, if any, and all in it are removed
  // from the document; from here on only frames count.
  void StartFrameset() {
    if (in_body_) Restore(body_mark_);
    frameset_ = true;
    frameset_depth_ = 1;
    foreign_.clear();
    in_select_ = false;
  }

  // Inside the outermost frameset, nested framesets and frames; after it, only noframes (13.2.6.4.20-22).
  const char* FramesetStartTag(const Tag& tag, const char* p) {
    if (tag.name == TagName::kFrame && frameset_depth_ > 0) {
      const TagAttributes a = ReadAttributes(tag);
      AddHref(a.src, a.rel);
    } else if (tag.name == TagName::kFrameset && frameset_depth_ > 0 && !tag.self_closing) {
      ++frameset_depth_;
    } else if (tag.name == TagName::kNoframes) {
      return FindEndTag(p, "noframes");
    }
    return p;  // everything else is dropped
  }

  const char* EndTag(const Tag& tag, const char* p) {
    if (frameset_) {
      if (tag.name == TagName::kFrameset && frameset_depth_ > 0) --frameset_depth_;
      return p;
    }
    if (InForeignContent() && !InSelect() && foreign_.back().html_children > 0) {
      --foreign_.back().html_children;
    } else if (InForeignContent() && !InSelect()) {
      const std::string name = LowerName(tag.raw_name);
      for (std::size_t i = foreign_.size(); i-- > 0;) {
        if (foreign_[i].name == name) {
          foreign_.resize(i);
          return p;
        }
      }
      // Not a foreign element's: the tree builder takes it as HTML. If it closes an HTML element the
      // <svg> or <math> is inside, the foreign content goes with it (unless an integration point is
      // open, whose HTML children it rather closes).
      if (!foreign_.back().html_integration && !foreign_.back().math_text && IsOpen(tag)) {
        while (!foreign_.empty() && !foreign_.back().html_integration && !foreign_.back().math_text) {
          foreign_.pop_back();
        }
      }
    }
    if (!in_body_ && (tag.name == TagName::kBody || tag.Lower() == "html" || tag.Lower() == "br")) EnterBody();
    if (InSelect()) {
      if (tag.name == TagName::kSelect ||
          (select_in_table_ && (tag.name == TagName::kTable || tag.name == TagName::kTableInner))) {
        in_select_ = false;
      } else if (tag.name != TagName::kTemplate) {
        return p;  // ignored in a select (13.2.6.4.16)
      }
    }
    if (IsOpen(tag)) --open_[static_cast<std::size_t>(tag.entry)];
    switch (tag.name) {
      case TagName::kTemplate:
        if (template_depth_ > 0) {
          --template_depth_;
          if (in_select_ && template_depth_ < select_template_depth_) in_select_ = false;
        }
        return p;
      case TagName::kTable:
        if (table_depth_ > 0) --table_depth_;
        return p;
      default: return p;
    }
  }

  // Whether an element named as `tag` that the scanner counts is open.
  bool IsOpen(const Tag& tag) const {
    return names_.Counted(tag.entry) && open_[static_cast<std::size_t>(tag.entry)] > 0;
  }

  // --- what the record keeps -----------------------------------------------------------------------

  TagAttributes ReadAttributes(const Tag& tag) const {
    TagAttributes a;
    for (const RawAttribute& attribute : tag.attributes) {
      const std::string_view n = attribute.name;
      const RawAttribute** slot = nullptr;
      switch (n.size()) {
        case 3:
          if (EqualsAsciiCaseInsensitive(n, "src")) slot = &a.src;
          if (EqualsAsciiCaseInsensitive(n, "rel")) slot = &a.rel;
          break;
        case 4:
          if (EqualsAsciiCaseInsensitive(n, "href")) slot = &a.href;
          if (EqualsAsciiCaseInsensitive(n, "name")) slot = &a.name;
          if (EqualsAsciiCaseInsensitive(n, "type")) slot = &a.type;
          if (EqualsAsciiCaseInsensitive(n, "face") || EqualsAsciiCaseInsensitive(n, "size")) a.font_breakout = true;
          break;
        case 5:
          if (EqualsAsciiCaseInsensitive(n, "color")) a.font_breakout = true;
          break;
        case 7:
          if (EqualsAsciiCaseInsensitive(n, "content")) slot = &a.content;
          break;
        case 8:
          if (EqualsAsciiCaseInsensitive(n, "encoding")) slot = &a.encoding;
          break;
        default: break;
      }
      if (slot != nullptr && *slot == nullptr) *slot = &attribute;
    }
    return a;
  }

  void AddHref(const RawAttribute* target, const RawAttribute* rel) {
    if (target == nullptr || InTemplate()) return;
    bool nofollow = false;
    if (rel != nullptr) nofollow = HasRelToken(Decode(*rel), "nofollow");
    out_.hrefs.push_back(MarkupHref{Decode(*target), nofollow});
  }

  void AddLink(const TagAttributes& a) {
    if (a.href == nullptr || InTemplate()) return;
    const std::string_view href = Decode(*a.href);
    out_.hrefs.push_back(MarkupHref{href, false});
    if (!out_.canonical_href && a.rel != nullptr && HasRelToken(Decode(*a.rel), "canonical")) out_.canonical_href = href;
  }

  void ReadMeta(const Tag& tag) {
    if (InTemplate()) return;
    const TagAttributes a = ReadAttributes(tag);
    if (a.name == nullptr) return;
    const std::string_view name = Decode(*a.name);
    if (!out_.description && EqualsAsciiCaseInsensitive(name, "description")) {
      if (a.content != nullptr) out_.description = Decode(*a.content);
    } else if (EqualsAsciiCaseInsensitive(name, "robots")) {
      if (a.content != nullptr) out_.robots.push_back(Decode(*a.content));
    }
  }

  std::string_view Decode(const RawAttribute& attribute) { return Decode(attribute.value, HtmlTextKind::kAttributeValue); }

  // The decoded text: a view of the page when it needs no decoding, else kept in the markup's storage.
  std::string_view Decode(std::string_view raw, HtmlTextKind kind) {
    const std::string_view decoded = DecodeHtmlText(raw, kind, scratch_);
    if (decoded.data() == raw.data()) return raw;
    return out_.Keep(std::move(scratch_));
  }

  static std::string LowerName(std::string_view raw) {
    std::string name(raw);
    for (char& c : name) c = Lower(c);
    return name;
  }

  // How much of the markup existed at a point, to take back what a removed body held.
  struct MarkupMark {
    std::size_t hrefs = 0;
    std::size_t robots = 0;
    bool title = false, description = false, canonical = false, base = false;
  };

  MarkupMark Mark() const {
    return MarkupMark{out_.hrefs.size(), out_.robots.size(), out_.title.has_value(), out_.description.has_value(),
                      out_.canonical_href.has_value(), out_.base_href.has_value()};
  }

  void Restore(const MarkupMark& mark) {
    out_.hrefs.resize(mark.hrefs);
    out_.robots.resize(mark.robots);
    if (!mark.title) out_.title.reset();
    if (!mark.description) out_.description.reset();
    if (!mark.canonical) out_.canonical_href.reset();
    if (!mark.base) out_.base_href.reset();
  }

  const char* begin_;
  const char* end_;
  PageMarkup& out_;
  Tag tag_;               // reused for every tag, so its attribute vector is allocated once
  std::string scratch_;   // decoding buffer
  std::vector<ForeignElement> foreign_;
  int template_depth_ = 0;
  int table_depth_ = 0;
  bool in_select_ = false;
  bool select_in_table_ = false;
  int select_template_depth_ = 0;
  bool in_body_ = false;
  MarkupMark body_mark_;
  bool frameset_ok_ = true;
  bool frameset_ = false;
  int frameset_depth_ = 0;  // open frameset elements; 0 after the outermost one closed
  const TagNameTable& names_ = Names();
  std::vector<int> open_ = std::vector<int>(std::size(kNames));  // open elements per kNames entry, counted ones
};

}  // namespace

PageMarkup ScanMarkup(std::string_view html) {
  PageMarkup markup;
  Scanner(html, markup).Run();
  return markup;
}

PageInfo ScanPage(std::string_view html, const Url& page_url) { return BuildPageInfo(ScanMarkup(html), page_url); }

}  // namespace arachne
