#include "extract/css_selector.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

namespace arachne {
namespace css {

// Selectors Level 4, "Attribute selectors": how an attribute selector compares the attribute's value.
enum class AttributeOp : std::uint8_t {
  kExists,
  kEquals,
  kIncludes,
  kDashMatch,
  kPrefix,
  kSuffix,
  kSubstring
};
// Selectors Level 4, "Case-sensitivity" of attribute selectors: the `i` and `s` flags; without one, the HTML
// Standard decides (kDefault).
enum class ValueCase : std::uint8_t { kDefault, kInsensitive, kSensitive };

struct AttributeTest {
  std::string name;        // as written, escapes resolved: compared exactly to attributes of foreign elements
  std::string lower_name;  // compared to attributes of HTML elements, whose names Gumbo lowercases
  AttributeOp op = AttributeOp::kExists;
  std::string value;
  ValueCase value_case = ValueCase::kDefault;
};

// Selectors Level 4, "Child-indexed pseudo-classes": :first-child, :last-child and :nth-child(An+B), where
// the element's 1-based index among its element siblings is A*n+B for some n >= 0.
struct PositionTest {
  enum class Kind : std::uint8_t { kFirstChild, kLastChild, kNthChild } kind = Kind::kFirstChild;
  std::int64_t a = 0;
  std::int64_t b = 1;
};

struct Compound {
  bool has_type = false;   // false: `*`, or no type selector
  std::string type;        // as written: compared to the local names of SVG and MathML elements
  std::string lower_type;  // compared to HTML elements' names
  std::vector<std::string> ids;
  std::vector<std::string> classes;
  std::vector<AttributeTest> attributes;
  std::vector<PositionTest> positions;
  std::vector<std::size_t> negations;  // the arguments of :not(): indexes into Program::lists
};

enum class Combinator : std::uint8_t { kDescendant, kChild, kNextSibling, kSubsequentSibling };

// A complex selector stored right to left, the order it is matched in (Selectors Level 4, "Combinators"):
// compounds[0] is the subject, and combinators[i] relates compounds[i] to compounds[i + 1], written to
// its left.
struct Complex {
  std::vector<Compound> compounds;
  std::vector<Combinator> combinators;
  std::size_t first_slot = 0;  // the matcher's memo slot of compounds[k] is first_slot + k
};

struct Program {
  std::vector<std::vector<Complex>> lists;  // [0]: the selector list; the others: arguments of :not()
  std::size_t slots = 0;
  bool uses_id_or_class = false;  // only then does the document's quirks mode matter
};

}  // namespace css

namespace {

using css::AttributeOp;
using css::AttributeTest;
using css::Combinator;
using css::Complex;
using css::Compound;
using css::PositionTest;
using css::Program;
using css::ValueCase;

constexpr int kEof = -1;
// An+B values are clamped to a 32-bit int, as browsers do; no page has that many siblings.
constexpr std::int64_t kMaxNth = 0x7fffffff;

// CSS Syntax 3, "Definitions" of the tokenizer: whitespace and newlines (the input is not preprocessed, so
// that positions stay those of the text: CR and FF count as newlines themselves).
bool IsWhitespace(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool IsNewline(int c) {
  return c == '\n' || c == '\r' || c == '\f';
}
bool IsDigit(int c) {
  return c >= '0' && c <= '9';
}
bool IsHexDigit(int c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int HexValue(int c) {
  return IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}
// An ident-start code point; a NUL stands for U+FFFD, which is one (preprocessing replaces it).
bool IsIdentStart(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80 || c == 0;
}
bool IsIdentChar(int c) {
  return IsIdentStart(c) || IsDigit(c) || c == '-';
}
bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

std::string AsciiLowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), AsciiLower);
  return lower;
}

bool EqualIgnoringAsciiCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return AsciiLower(x) == AsciiLower(y); });
}

bool Equal(std::string_view a, std::string_view b, bool ignore_case) {
  return ignore_case ? EqualIgnoringAsciiCase(a, b) : a == b;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The 1-based number of the character (code point) that the byte at `offset` belongs to; the end of the
// text is the character after the last.
std::size_t CharacterNumber(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset > 0 && offset < text.size() && IsContinuationByte(text[offset])) --offset;
  return 1 + static_cast<std::size_t>(std::count_if(text.begin(), text.begin() + offset,
                                                    [](char c) { return !IsContinuationByte(c); }));
}

std::string AtCharacter(std::string_view text, std::size_t offset) {
  return "at character " + std::to_string(CharacterNumber(text, offset)) + ": ";
}

std::int64_t ClampedAdd(std::int64_t value, int digit) {
  return std::min(value * 10 + digit, kMaxNth);
}

// The An+B microsyntax (CSS Syntax 3, section 6): the tokens of a :nth-child() argument.
struct NthToken {
  enum class Kind : std::uint8_t { kWhitespace, kNumber, kDimension, kIdent, kDelim } kind = Kind::kDelim;
  std::size_t begin = 0;  // byte offsets in the selector's text
  std::size_t end = 0;
  std::int64_t value = 0;  // kNumber, kDimension: clamped to +-kMaxNth
  bool integer = false;    // kNumber, kDimension: no fraction, no exponent
  bool has_sign = false;   // kNumber, kDimension: written with + or -
  std::string
      text;       // kIdent: the name; kDimension: the unit; both lowercased (An+B is ASCII case-insensitive)
  int delim = 0;  // kDelim: the byte
};

// The values of these attributes on HTML elements are compared ASCII case-insensitively unless the `s` flag
// is given (HTML Standard, "Case-sensitivity of selectors").
constexpr std::array<std::string_view, 46> kCaseInsensitiveValueAttributes = {
    "accept",     "accept-charset", "align",     "alink",    "axis",     "bgcolor", "charset",
    "checked",    "clear",          "codetype",  "color",    "compact",  "declare", "defer",
    "dir",        "direction",      "disabled",  "enctype",  "face",     "frame",   "hreflang",
    "http-equiv", "lang",           "language",  "link",     "media",    "method",  "multiple",
    "nohref",     "noresize",       "noshade",   "nowrap",   "readonly", "rel",     "rev",
    "rules",      "scope",          "scrolling", "selected", "shape",    "target",  "text",
    "type",       "valign",         "valuetype", "vlink"};
static_assert(std::is_sorted(kCaseInsensitiveValueAttributes.begin(), kCaseInsensitiveValueAttributes.end()));

// Parses a selector list by recursive descent over the grammar of Selectors Level 4 ("Grammar"), reading
// tokens straight from the text as the CSS Syntax 3 tokenizer would produce them. It recurses only into
// :not(), at most CssSelector::kMaxNotNesting deep.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Program> Run() {
    SkipWhitespace();
    if (Peek(pos_) == kEof) return Status::InvalidArgument(AtCharacter(text_, 0) + "the selector is empty");
    std::size_t list = 0;
    if (!ParseList(0, 0, list)) return error_;
    for (std::vector<Complex>& complexes : program_.lists) {
      for (Complex& complex : complexes) {
        complex.first_slot = program_.slots;
        program_.slots += complex.compounds.size();
      }
    }
    return std::move(program_);
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  int Peek(std::size_t i) const { return i < text_.size() ? static_cast<unsigned char>(text_[i]) : kEof; }

  bool Fail(std::size_t at, const std::string& message) {
    error_ = Status::InvalidArgument(AtCharacter(text_, at) + message);
    return false;
  }

  bool SkipWhitespace() {
    const std::size_t start = pos_;
    while (IsWhitespace(Peek(pos_))) ++pos_;
    return pos_ != start;
  }

  // The character at `i` as the message shows it: itself, or U+XXXX for a control character.
  std::string Shown(std::size_t i) const {
    const int c = Peek(i);
    if (c == kEof) return "the end of the selector";
    if (c < 0x20 || c == 0x7f) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      return std::string("U+00") + kHex[(c >> 4) & 0xF] + kHex[c & 0xF];
    }
    std::size_t end = i + 1;
    while (end < text_.size() && IsContinuationByte(text_[end])) ++end;
    const char quote = c == '\'' ? '"' : '\'';
    return quote + std::string(text_.substr(i, end - i)) + quote;
  }

  // CSS Syntax 3, "check if two code points are a valid escape": a backslash not followed by a newline starts
  // an escape.
  bool ValidEscape(std::size_t i) const { return Peek(i) == '\\' && !IsNewline(Peek(i + 1)); }

  // "Check if three code points would start an ident sequence".
  bool StartsIdent(std::size_t i) const {
    const int c = Peek(i);
    if (c == '-') return IsIdentStart(Peek(i + 1)) || Peek(i + 1) == '-' || ValidEscape(i + 1);
    return IsIdentStart(c) || ValidEscape(i);
  }

  // "Check if three code points would start a number".
  bool StartsNumber(std::size_t i) const {
    int c = Peek(i);
    if (c == '+' || c == '-') c = Peek(++i);
    if (c == '.') c = Peek(++i);
    return IsDigit(c);
  }

  // "Consume an escaped code point", `i` just past the backslash: appends the escaped code point, returns
  // where it ends.
  std::size_t ConsumeEscape(std::size_t i, std::string& out) const {
    if (Peek(i) == kEof) {
      AppendUtf8(out, 0xFFFD);
      return i;
    }
    if (IsHexDigit(Peek(i))) {
      char32_t cp = 0;
      for (int n = 0; n < 6 && IsHexDigit(Peek(i)); ++n, ++i)
        cp = cp * 16 + static_cast<char32_t>(HexValue(Peek(i)));
      if (Peek(i) == '\r' && Peek(i + 1) == '\n') {
        i += 2;
      } else if (IsWhitespace(Peek(i))) {
        ++i;
      }
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
      AppendUtf8(out, cp);
      return i;
    }
    if (Peek(i) == 0) {
      AppendUtf8(out, 0xFFFD);
      return i + 1;
    }
    std::size_t end = i + 1;
    while (end < text_.size() && IsContinuationByte(text_[end])) ++end;
    out.append(text_.substr(i, end - i));
    return end;
  }

  // "Consume an ident sequence": the one at pos_ (escapes resolved), which the caller knows starts there.
  std::string ConsumeIdent() {
    std::string name;
    while (true) {
      const int c = Peek(pos_);
      if (c == 0) {
        AppendUtf8(name, 0xFFFD);
        ++pos_;
      } else if (IsIdentChar(c)) {
        name += static_cast<char>(c);
        ++pos_;
      } else if (ValidEscape(pos_)) {
        pos_ = ConsumeEscape(pos_ + 1, name);
      } else {
        return name;
      }
    }
  }

  // "Consume a string token": the string opened by the quote at pos_. An unterminated one, or one with a raw
  // newline (a bad-string token), is refused instead of being closed at the end of the text.
  bool ConsumeString(std::string& value) {
    const std::size_t open = pos_;
    const int quote = Peek(pos_++);
    while (true) {
      const int c = Peek(pos_);
      if (c == quote) {
        ++pos_;
        return true;
      }
      if (c == kEof) return Fail(open, "unterminated string: the quote is never closed");
      if (IsNewline(c)) {
        return Fail(open, "unterminated string: a string cannot go on past a line break (write \\A for one)");
      }
      if (c == '\\') {
        if (Peek(pos_ + 1) == '\r' && Peek(pos_ + 2) == '\n') {
          pos_ += 3;  // an escaped newline continues the string
        } else if (IsNewline(Peek(pos_ + 1))) {
          pos_ += 2;
        } else {
          pos_ = ConsumeEscape(pos_ + 1, value);
        }
      } else if (c == 0) {
        AppendUtf8(value, 0xFFFD);
        ++pos_;
      } else {
        value += static_cast<char>(c);
        ++pos_;
      }
    }
  }

  bool AtListEnd(int depth) const {
    const int c = Peek(pos_);
    return c == kEof || c == ',' || (depth > 0 && c == ')');
  }

  static bool IsCombinator(int c) { return c == '>' || c == '+' || c == '~'; }

  // Parses `<complex-selector> [, <complex-selector>]*` into a new entry of program_.lists. At depth 0 it
  // ends at the end of the text; inside the :not( at `open` (depth > 0), at the ')' that closes it.
  bool ParseList(int depth, std::size_t open, std::size_t& index) {
    index = program_.lists.size();
    program_.lists.emplace_back();
    std::vector<Complex> list;
    std::size_t comma = kNone;
    while (true) {
      SkipWhitespace();
      Complex complex;
      if (!ParseComplex(depth, open, comma, complex)) return false;
      list.push_back(std::move(complex));
      if (Peek(pos_) != ',') break;
      comma = pos_++;
    }
    program_.lists[index] = std::move(list);  // by index: nested lists were appended meanwhile
    return true;
  }

  // Why no selector starts at pos_ (the end of a list, or a ',').
  bool FailEmpty(int depth, std::size_t open, std::size_t comma) {
    const int c = Peek(pos_);
    if (c == kEof && depth > 0) return Fail(open, "':not(' is never closed (expected ')')");
    if (c == ',') return Fail(pos_, "expected a selector before ','");
    if (comma != kNone) return Fail(comma, "expected a selector after ','");
    return Fail(pos_, "expected a selector inside ':not()'");
  }

  // `<compound-selector> [<combinator>? <compound-selector>]*`, whitespace skipped before it.
  bool ParseComplex(int depth, std::size_t open, std::size_t comma, Complex& complex) {
    if (AtListEnd(depth)) return FailEmpty(depth, open, comma);
    if (IsCombinator(Peek(pos_))) {
      return Fail(pos_, "expected a selector before '" + std::string(1, text_[pos_]) +
                            "' (a selector cannot start with a combinator)");
    }
    std::vector<Compound> compounds(1);
    std::vector<Combinator> combinators;
    if (!ParseCompound(depth, compounds.back())) return false;
    while (true) {
      const bool whitespace = SkipWhitespace();
      if (AtListEnd(depth)) break;
      Combinator combinator = Combinator::kDescendant;
      if (const int c = Peek(pos_); IsCombinator(c)) {
        const std::size_t at = pos_++;
        combinator = c == '>'   ? Combinator::kChild
                     : c == '+' ? Combinator::kNextSibling
                                : Combinator::kSubsequentSibling;
        SkipWhitespace();
        const std::string shown = "'" + std::string(1, static_cast<char>(c)) + "'";
        if (AtListEnd(depth)) return Fail(at, "expected a selector after " + shown);
        if (IsCombinator(Peek(pos_)))
          return Fail(pos_, "expected a selector after " + shown + ", found " + Shown(pos_));
      } else if (!whitespace) {
        return Fail(pos_, "unexpected " + Shown(pos_));  // ParseCompound stops only where this cannot be
      }
      combinators.push_back(combinator);
      compounds.emplace_back();
      if (!ParseCompound(depth, compounds.back())) return false;
    }
    complex.compounds.assign(std::make_move_iterator(compounds.rbegin()),
                             std::make_move_iterator(compounds.rend()));
    complex.combinators.assign(combinators.rbegin(), combinators.rend());
    return true;
  }

  bool FailNamespace(std::size_t at) {
    return Fail(at, "namespace prefixes (ns|a) are not supported; write the name without a prefix");
  }

  // `[<type-selector>] <subclass-selector>*`, stopping before whitespace, a combinator, ',' or ')'.
  bool ParseCompound(int depth, Compound& compound) {
    const std::size_t start = pos_;
    if (Peek(pos_) == '*' || StartsIdent(pos_)) {
      if (Peek(pos_) == '*') {
        ++pos_;
      } else {
        compound.type = ConsumeIdent();
        compound.lower_type = AsciiLowercase(compound.type);
        compound.has_type = true;
      }
      if (Peek(pos_) == '|' && Peek(pos_ + 1) != '|') return FailNamespace(start);
    }
    while (true) {
      const int c = Peek(pos_);
      bool ok = true;
      if (c == '#') {
        ok = ParseHashOrClass(compound.ids, "an id", '#');
      } else if (c == '.') {
        ok = ParseHashOrClass(compound.classes, "a class name", '.');
      } else if (c == '[') {
        ok = ParseAttribute(compound);
      } else if (c == ':') {
        ok = ParsePseudo(depth, compound);
      } else if (c == kEof || IsWhitespace(c) || IsCombinator(c) || c == ',' || (c == ')' && depth > 0)) {
        break;
      } else {
        return FailInCompound();
      }
      if (!ok) return false;
    }
    if (pos_ == start) return Fail(pos_, "expected a selector");
    return true;
  }

  // Why the character at pos_ cannot be part of a compound selector.
  bool FailInCompound() {
    const int c = Peek(pos_);
    if (c == '*' || StartsIdent(pos_)) {
      return Fail(pos_,
                  "a type selector or '*' must come first in a compound selector (write it before #id, "
                  ".class, [attr] and :pseudo-classes)");
    }
    if (c == '|' && Peek(pos_ + 1) == '|') return Fail(pos_, "the column combinator '||' is not supported");
    if (c == '|') return FailNamespace(pos_);
    if (c == '/' && Peek(pos_ + 1) == '*')
      return Fail(pos_, "comments (/* */) are not supported in selectors");
    if (c == ')') return Fail(pos_, "unexpected ')' (no '(' to close)");
    if (c == ']') return Fail(pos_, "unexpected ']' (no '[' to close)");
    return Fail(pos_, "unexpected " + Shown(pos_));
  }

  // `#name` or `.name` at pos_, whose name must be an identifier (Selectors Level 4, "Class selectors", "ID
  // selectors").
  bool ParseHashOrClass(std::vector<std::string>& names, const std::string& what, char sigil) {
    const std::size_t at = pos_++;
    if (!StartsIdent(pos_)) {
      std::string message = "expected " + what + " after '" + std::string(1, sigil) + "'";
      if (IsDigit(Peek(pos_))) {
        // A digit cannot start an identifier (CSS Syntax 3): it must be escaped.
        std::size_t end = pos_ + 1;
        while (IsIdentChar(Peek(end))) ++end;
        const std::string written(text_.substr(pos_, end - pos_));
        message += " (" + what + " cannot start with a digit: escape it, e.g. " + std::string(1, sigil) +
                   "\\3" + written[0] + " " + written.substr(1) + " for \"" + written + "\")";
      }
      return Fail(at, message);
    }
    names.push_back(ConsumeIdent());
    program_.uses_id_or_class = true;
    return true;
  }

  bool FailUnclosedBracket(std::size_t open) { return Fail(open, "'[' is never closed (expected ']')"); }

  // `[name]` or `[name op value flag?]` at pos_ (Selectors Level 4, "Attribute selectors"); whitespace is
  // allowed inside the brackets but not within the operator.
  bool ParseAttribute(Compound& compound) {
    const std::size_t open = pos_++;
    SkipWhitespace();
    if (Peek(pos_) == kEof) return FailUnclosedBracket(open);
    if (Peek(pos_) == '|' || (Peek(pos_) == '*' && Peek(pos_ + 1) == '|')) return FailNamespace(pos_);
    if (!StartsIdent(pos_)) return Fail(pos_, "expected an attribute name after '['");
    const std::size_t name_at = pos_;
    AttributeTest test;
    test.name = ConsumeIdent();
    test.lower_name = AsciiLowercase(test.name);
    if (Peek(pos_) == '|' && Peek(pos_ + 1) != '=') return FailNamespace(name_at);
    SkipWhitespace();
    if (!ParseAttributeOp(open, test)) return false;
    if (test.op != AttributeOp::kExists) {
      SkipWhitespace();
      if (!ParseAttributeValue(open, test)) return false;
      SkipWhitespace();
      if (StartsIdent(pos_)) {
        const std::size_t flag_at = pos_;
        const std::string flag = AsciiLowercase(ConsumeIdent());
        if (flag != "i" && flag != "s") {
          return Fail(flag_at, "unknown attribute selector flag '" + flag + "' (expected i or s)");
        }
        test.value_case = flag == "i" ? ValueCase::kInsensitive : ValueCase::kSensitive;
        SkipWhitespace();
      }
    }
    if (Peek(pos_) == kEof) return FailUnclosedBracket(open);
    if (Peek(pos_) != ']')
      return Fail(pos_, "expected ']' to close the attribute selector, found " + Shown(pos_));
    ++pos_;
    compound.attributes.push_back(std::move(test));
    return true;
  }

  // The operator, or none when ']' follows the name (test.op stays kExists, pos_ stays at the ']').
  bool ParseAttributeOp(std::size_t open, AttributeTest& test) {
    const int c = Peek(pos_);
    if (c == kEof) return FailUnclosedBracket(open);
    if (c == ']') return true;
    if (c == '=') {
      test.op = AttributeOp::kEquals;
      ++pos_;
      return true;
    }
    static constexpr std::string_view kPrefixes = "~|^$*";
    static constexpr std::array<AttributeOp, 5> kOps = {AttributeOp::kIncludes, AttributeOp::kDashMatch,
                                                        AttributeOp::kPrefix, AttributeOp::kSuffix,
                                                        AttributeOp::kSubstring};
    const std::size_t which = kPrefixes.find(static_cast<char>(c));
    if (which == std::string_view::npos) {
      return Fail(pos_,
                  "expected ']' or an operator (=, ~=, |=, ^=, $=, *=) after the attribute name, found " +
                      Shown(pos_));
    }
    if (Peek(pos_ + 1) != '=')
      return Fail(pos_ + 1, "expected '=' right after '" + std::string(1, static_cast<char>(c)) + "'");
    test.op = kOps[which];
    pos_ += 2;
    return true;
  }

  bool ParseAttributeValue(std::size_t open, AttributeTest& test) {
    const int c = Peek(pos_);
    if (c == '"' || c == '\'') return ConsumeString(test.value);
    if (StartsIdent(pos_)) {
      test.value = ConsumeIdent();
      return true;
    }
    if (c == kEof) return FailUnclosedBracket(open);
    if (c == ']') return Fail(pos_, "expected a value after the operator (write \"\" for an empty one)");
    return Fail(pos_, "an attribute value must be an identifier or a quoted string: quote it, e.g. [" +
                          test.name + "=\"...\"]");
  }

  // `:name` or `:name(...)` at pos_, or a pseudo-element `::name`, which is refused.
  bool ParsePseudo(int depth, Compound& compound) {
    const std::size_t colon = pos_++;
    if (Peek(pos_) == ':') return FailPseudoElement(colon, colon + 2);
    if (!StartsIdent(pos_)) return Fail(colon, "expected a pseudo-class name after ':'");
    const std::size_t name_at = pos_;
    const std::string name = AsciiLowercase(ConsumeIdent());
    const std::string written(text_.substr(colon, pos_ - colon));
    const bool function = Peek(pos_) == '(';
    // CSS 2 wrote these four pseudo-elements with one colon; Selectors Level 4 still accepts that.
    if (name == "before" || name == "after" || name == "first-line" || name == "first-letter") {
      return FailPseudoElement(colon, name_at);
    }
    if (name == "first-child" || name == "last-child") {
      if (function) return Fail(colon, "'" + written + "' takes no argument");
      PositionTest test;
      test.kind = name == "first-child" ? PositionTest::Kind::kFirstChild : PositionTest::Kind::kLastChild;
      compound.positions.push_back(test);
      return true;
    }
    if (name == "nth-child") {
      if (!function) return Fail(colon, "'" + written + "' needs an argument, e.g. :nth-child(2n+1)");
      ++pos_;
      return ParseNth(colon, compound);
    }
    if (name == "not") {
      if (!function) return Fail(colon, "'" + written + "' needs an argument, e.g. :not(.ad)");
      if (depth >= CssSelector::kMaxNotNesting) {
        return Fail(colon,
                    ":not() is nested more than " + std::to_string(CssSelector::kMaxNotNesting) + " deep");
      }
      ++pos_;
      std::size_t list = 0;
      if (!ParseList(depth + 1, colon, list)) return false;
      if (Peek(pos_) != ')') return Fail(colon, "':not(' is never closed (expected ')')");
      ++pos_;
      compound.negations.push_back(list);
      return true;
    }
    return Fail(colon, "unsupported pseudo-class '" + written + (function ? "()" : "") +
                           "' (supported: :first-child, :last-child, :nth-child(), :not())");
  }

  // Pseudo-elements select parts of elements, not elements; what an extraction rule takes from the element
  // it selects is its `take` (src/extract/extraction_rules.h), which the message points to.
  bool FailPseudoElement(std::size_t colon, std::size_t name_at) {
    pos_ = name_at;
    const std::string name = StartsIdent(pos_) ? ConsumeIdent() : "";
    const std::string written(text_.substr(colon, pos_ - colon));
    const std::string lower = AsciiLowercase(name);
    const std::string what = "pseudo-elements (" + written + ") are not supported; ";
    if (lower == "text") return Fail(colon, what + "use take = \"text\"");
    if (lower == "attr") {
      std::string attribute = "NAME";
      if (Peek(pos_) == '(') {
        ++pos_;
        SkipWhitespace();
        if (StartsIdent(pos_)) attribute = ConsumeIdent();
      }
      return Fail(colon, what + "use take = \"attr:" + attribute + "\"");
    }
    return Fail(colon, what + "select the element itself");
  }

  // One token of an An+B argument at pos_ (CSS Syntax 3, "consume a token", for the tokens An+B is made of).
  NthToken ConsumeNthToken() {
    NthToken token;
    token.begin = pos_;
    if (IsWhitespace(Peek(pos_))) {
      token.kind = NthToken::Kind::kWhitespace;
      SkipWhitespace();
    } else if (StartsNumber(pos_)) {
      ConsumeNumber(token);
      if (StartsIdent(pos_)) {
        token.kind = NthToken::Kind::kDimension;
        token.text = AsciiLowercase(ConsumeIdent());
      }
    } else if (StartsIdent(pos_)) {
      token.kind = NthToken::Kind::kIdent;
      token.text = AsciiLowercase(ConsumeIdent());
    } else {
      token.delim = Peek(pos_++);
      while (pos_ < text_.size() && IsContinuationByte(text_[pos_])) ++pos_;
    }
    token.end = pos_;
    return token;
  }

  // "Consume a number", which StartsNumber said begins at pos_.
  void ConsumeNumber(NthToken& token) {
    token.kind = NthToken::Kind::kNumber;
    token.integer = true;
    bool negative = false;
    if (Peek(pos_) == '+' || Peek(pos_) == '-') {
      token.has_sign = true;
      negative = Peek(pos_++) == '-';
    }
    while (IsDigit(Peek(pos_))) token.value = ClampedAdd(token.value, Peek(pos_++) - '0');
    if (Peek(pos_) == '.' && IsDigit(Peek(pos_ + 1))) {
      token.integer = false;
      ++pos_;
      while (IsDigit(Peek(pos_))) ++pos_;
    }
    const int e = Peek(pos_);
    const int after = Peek(pos_ + 1);
    if ((e == 'e' || e == 'E') &&
        (IsDigit(after) || ((after == '+' || after == '-') && IsDigit(Peek(pos_ + 2))))) {
      token.integer = false;
      pos_ += 2;
      while (IsDigit(Peek(pos_))) ++pos_;
    }
    if (negative) token.value = -token.value;
  }

  // The argument of the :nth-child( whose ':' is at `colon`; pos_ is just past the '('.
  bool ParseNth(std::size_t colon, Compound& compound) {
    std::vector<NthToken> tokens;
    while (Peek(pos_) != ')') {
      if (Peek(pos_) == kEof) return Fail(colon, "':nth-child(' is never closed (expected ')')");
      tokens.push_back(ConsumeNthToken());
    }
    const std::size_t close = pos_++;
    while (!tokens.empty() && tokens.back().kind == NthToken::Kind::kWhitespace) tokens.pop_back();
    std::size_t i = !tokens.empty() && tokens.front().kind == NthToken::Kind::kWhitespace ? 1 : 0;
    if (i == tokens.size()) return Fail(close, "expected An+B inside ':nth-child()', e.g. 2n+1, odd or even");
    PositionTest test;
    test.kind = PositionTest::Kind::kNthChild;
    const std::size_t first = i;
    if (!ParseAnPlusB(tokens, i, test)) {
      SkipNthWhitespace(tokens, i);
      if (i < tokens.size() && tokens[i].kind == NthToken::Kind::kIdent && tokens[i].text == "of") {
        return Fail(tokens[i].begin, "':nth-child(An+B of S)' is not supported");
      }
      const std::string argument(text_.substr(tokens[first].begin, tokens.back().end - tokens[first].begin));
      return Fail(tokens[first].begin, "bad :nth-child() argument '" + argument +
                                           "': expected An+B, e.g. 2n+1, -n+3, 5, odd or even");
    }
    compound.positions.push_back(test);
    return true;
  }

  // CSS Syntax 3, section 6.2, over tokens[i..] (no whitespace at either end). On failure, i is where the
  // tokens stopped fitting the grammar.
  static bool ParseAnPlusB(const std::vector<NthToken>& tokens, std::size_t& i, PositionTest& test) {
    using Kind = NthToken::Kind;
    const NthToken& head = tokens[i];
    std::string n_part;  // the "n..." that follows A
    if (head.kind == Kind::kIdent && (head.text == "odd" || head.text == "even")) {
      test.a = 2;
      test.b = head.text == "odd" ? 1 : 0;
      return ++i == tokens.size();
    }
    if (head.kind == Kind::kNumber && head.integer) {
      test.a = 0;
      test.b = head.value;
      return ++i == tokens.size();
    }
    if (head.kind == Kind::kDimension && head.integer) {
      test.a = head.value;
      n_part = head.text;
    } else if (head.kind == Kind::kIdent && head.text.front() == '-') {
      test.a = -1;
      n_part = head.text.substr(1);
    } else if (head.kind == Kind::kIdent) {
      test.a = 1;
      n_part = head.text;
    } else if (head.kind == Kind::kDelim && head.delim == '+' && i + 1 < tokens.size() &&
               tokens[i + 1].kind == Kind::kIdent && tokens[i + 1].text.front() != '-') {
      // "+n": no whitespace between the '+' and the ident (the dagger note of section 6.2).
      ++i;
      test.a = 1;
      n_part = tokens[i].text;
    } else {
      return false;
    }
    ++i;
    if (n_part == "n") return ParseOptionalB(tokens, i, test);
    if (n_part == "n-") return ParseSignlessB(tokens, i, -1, test);
    if (n_part.size() > 2 && n_part.compare(0, 2, "n-") == 0 &&
        std::all_of(n_part.begin() + 2, n_part.end(), [](char c) { return IsDigit(c); })) {
      test.b = 0;
      for (auto c = n_part.begin() + 2; c != n_part.end(); ++c) test.b = ClampedAdd(test.b, *c - '0');
      test.b = -test.b;
      return i == tokens.size();
    }
    --i;
    return false;
  }

  static void SkipNthWhitespace(const std::vector<NthToken>& tokens, std::size_t& i) {
    if (i < tokens.size() && tokens[i].kind == NthToken::Kind::kWhitespace) ++i;
  }

  // After "An": nothing, a signed integer ("+1"), or '+'/'-' and a signless integer ("+ 1").
  static bool ParseOptionalB(const std::vector<NthToken>& tokens, std::size_t& i, PositionTest& test) {
    test.b = 0;
    SkipNthWhitespace(tokens, i);
    if (i == tokens.size()) return true;
    const NthToken& token = tokens[i];
    if (token.kind == NthToken::Kind::kNumber && token.integer && token.has_sign) {
      test.b = token.value;
      return ++i == tokens.size();
    }
    if (token.kind == NthToken::Kind::kDelim && (token.delim == '+' || token.delim == '-')) {
      ++i;
      return ParseSignlessB(tokens, i, token.delim == '-' ? -1 : 1, test);
    }
    return false;
  }

  static bool ParseSignlessB(const std::vector<NthToken>& tokens, std::size_t& i, int sign,
                             PositionTest& test) {
    SkipNthWhitespace(tokens, i);
    if (i == tokens.size()) return false;
    const NthToken& token = tokens[i];
    if (token.kind != NthToken::Kind::kNumber || !token.integer || token.has_sign) return false;
    test.b = sign * token.value;
    return ++i == tokens.size();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Program program_;
  Status error_;
};

// --- The tree, as the DOM sees it ---

bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

const GumboVector* ChildrenOf(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT: return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: return &node->v.element.children;
    default: return nullptr;
  }
}

const GumboNode* ChildAt(const GumboVector& children, std::size_t i) {
  return static_cast<const GumboNode*>(children.data[i]);
}

// The parent element, or null at the top of the document. Gumbo puts a template's contents below it,
// but in the DOM they are a separate DocumentFragment (HTML Standard 4.12.3): the template is not their
// parent, so that matching an element inside one, like Select, stays inside the fragment.
const GumboNode* ParentElement(const GumboNode* element) {
  const GumboNode* parent = element->parent;
  return parent != nullptr && parent->type == GUMBO_NODE_ELEMENT ? parent : nullptr;
}

// The children `node` is one of, and its position among them in `position`; null when it has no parent.
const GumboVector* SiblingsOf(const GumboNode* node, std::size_t& position) {
  if (node->parent == nullptr) return nullptr;
  const GumboVector* siblings = ChildrenOf(node->parent);
  if (siblings == nullptr) return nullptr;
  position = node->index_within_parent;
  if (position < siblings->length && ChildAt(*siblings, position) == node) return siblings;
  for (position = 0; position < siblings->length; ++position) {  // Gumbo keeps the index; this is a safeguard
    if (ChildAt(*siblings, position) == node) return siblings;
  }
  return nullptr;
}

const GumboNode* PreviousElementSibling(const GumboNode* element) {
  std::size_t position = 0;
  const GumboVector* siblings = SiblingsOf(element, position);
  while (siblings != nullptr && position > 0) {
    const GumboNode* sibling = ChildAt(*siblings, --position);
    if (IsElement(sibling)) return sibling;
  }
  return nullptr;
}

const GumboNode* NextElementSibling(const GumboNode* element) {
  std::size_t position = 0;
  const GumboVector* siblings = SiblingsOf(element, position);
  while (siblings != nullptr && ++position < siblings->length) {
    const GumboNode* sibling = ChildAt(*siblings, position);
    if (IsElement(sibling)) return sibling;
  }
  return nullptr;
}

// The tag name of the start tag `<name ...>`, lowercased as the HTML tokenizer does (HTML Standard
// 13.2.5.8, "tag name state"), for elements Gumbo has no GumboTag for.
std::string NameFromStartTag(const GumboStringPiece& tag) {
  std::string name;
  if (tag.data == nullptr || tag.length < 2 || tag.data[0] != '<') return name;
  for (std::size_t i = 1; i < tag.length; ++i) {
    const char c = tag.data[i];
    if (IsAsciiWhitespace(c) || c == '/' || c == '>') break;
    if (c == '\0') {
      AppendUtf8(name, 0xFFFD);
    } else {
      name += AsciiLower(c);
    }
  }
  return name;
}

bool InQuirksMode(const GumboNode& node) {
  const GumboNode* top = &node;
  while (top->parent != nullptr) top = top->parent;
  return top->type == GUMBO_NODE_DOCUMENT && top->v.document.doc_type_quirks_mode == GUMBO_DOCTYPE_QUIRKS;
}

const GumboAttribute* FindAttribute(const GumboElement& element, std::string_view name) {
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    if (attribute->attr_namespace == GUMBO_ATTR_NAMESPACE_NONE && name == attribute->name) return attribute;
  }
  return nullptr;
}

// Whether `word` is one of the ASCII-whitespace-separated words of `list` (the class attribute, ~=).
bool ContainsWord(std::string_view list, std::string_view word, bool ignore_case) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsAsciiWhitespace(list[i])) ++i;
    const std::size_t begin = i;
    while (i < list.size() && !IsAsciiWhitespace(list[i])) ++i;
    if (i > begin && Equal(list.substr(begin, i - begin), word, ignore_case)) return true;
  }
  return false;
}

bool ContainsSubstring(std::string_view text, std::string_view part, bool ignore_case) {
  // Boyer-Moore: an attribute value may be megabytes long, and a naive search is quadratic in the worst case.
  if (!ignore_case) {
    return std::search(text.begin(), text.end(), std::boyer_moore_searcher(part.begin(), part.end())) !=
           text.end();
  }
  auto hash = [](char c) { return std::hash<char>()(AsciiLower(c)); };
  auto equal = [](char x, char y) { return AsciiLower(x) == AsciiLower(y); };
  return std::search(text.begin(), text.end(),
                     std::boyer_moore_searcher(part.begin(), part.end(), hash, equal)) != text.end();
}

// Selectors Level 4, "Attribute selectors". ^=, $= and *= with an empty value represent nothing, and so does
// ~= with an empty value or one containing whitespace.
bool ValueMatches(const AttributeTest& test, std::string_view value, bool ignore_case) {
  const std::string_view wanted = test.value;
  switch (test.op) {
    case AttributeOp::kExists: return true;
    case AttributeOp::kEquals: return Equal(value, wanted, ignore_case);
    case AttributeOp::kIncludes:
      return !wanted.empty() && std::none_of(wanted.begin(), wanted.end(), IsAsciiWhitespace) &&
             ContainsWord(value, wanted, ignore_case);
    case AttributeOp::kDashMatch:
      return Equal(value, wanted, ignore_case) ||
             (value.size() > wanted.size() && value[wanted.size()] == '-' &&
              Equal(value.substr(0, wanted.size()), wanted, ignore_case));
    case AttributeOp::kPrefix:
      return !wanted.empty() && value.size() >= wanted.size() &&
             Equal(value.substr(0, wanted.size()), wanted, ignore_case);
    case AttributeOp::kSuffix:
      return !wanted.empty() && value.size() >= wanted.size() &&
             Equal(value.substr(value.size() - wanted.size()), wanted, ignore_case);
    case AttributeOp::kSubstring: return !wanted.empty() && ContainsSubstring(value, wanted, ignore_case);
  }
  return false;
}

bool NthMatches(std::int64_t a, std::int64_t b, std::int64_t index) {
  if (a == 0) return index == b;
  const std::int64_t steps = index - b;
  return steps % a == 0 && steps / a >= 0;
}

// Matches elements against the complex selectors of one Program, without recursion: a stack of frames
// replaces the backtracking right-to-left matcher's recursion, so that neither a deep tree nor a long
// selector nor deeply nested :not() can exhaust the C stack.
//
// A descendant combinator searches the ancestors for one that matches the rest of the selector, and `~`
// searches the earlier siblings; naively that is quadratic on a deep tree ("span div" on 100,000 nested
// <div>: every <div> walks all its ancestors). The memo records, per compound and element, whether the
// element or one further along the search (an ancestor, an earlier sibling) matches the selector from that
// compound leftwards; each search stops where the memo knows the answer. A Matcher lives for one call of
// Matches or Select, during which the tree does not change.
class Matcher {
 public:
  Matcher(const Program& program, bool quirks) : program_(program), quirks_(quirks) {}

  bool MatchesList(std::size_t list, const GumboNode* element) {
    for (const Complex& complex : program_.lists[list]) {
      if (MatchesComplex(complex, element)) return true;
    }
    return false;
  }

 private:
  enum class Stage : std::uint8_t { kCompound, kNegations, kRelation, kSearch };

  // Whether compounds[k] and those left of it match with compounds[k] on `element`.
  struct Frame {
    const Complex* complex;
    std::size_t k;
    const GumboNode* element;
    Stage stage = Stage::kCompound;
    std::size_t negation = 0;           // kNegations: which :not() of the compound is being tried
    std::size_t alternative = 0;        // kNegations: which selector of its list
    const GumboNode* start = nullptr;   // kSearch: the first candidate (the parent, the previous sibling)
    const GumboNode* cursor = nullptr;  // kSearch: the candidate being tried
  };

  struct MemoKey {
    const GumboNode* node;
    std::size_t slot;
    bool operator==(const MemoKey& other) const { return node == other.node && slot == other.slot; }
  };
  struct MemoKeyHash {
    std::size_t operator()(const MemoKey& key) const {
      return std::hash<const void*>()(key.node) ^ (key.slot * 0x9E3779B97F4A7C15ull);
    }
  };
  // Past this many entries (~50 MB) the memo is emptied and refilled: memory stays bounded on a page of
  // millions of elements, at the price of searching again.
  static constexpr std::size_t kMaxMemoEntries = std::size_t{1} << 20;

  bool MatchesComplex(const Complex& complex, const GumboNode* element) {
    frames_.clear();
    frames_.push_back(Frame{&complex, 0, element});
    bool result = false;   // what the last finished frame returned
    bool resumed = false;  // whether the top frame is resuming after the one above it finished
    while (!frames_.empty()) {
      const std::optional<bool> done = Step(resumed, result);
      resumed = false;
      if (!done.has_value()) continue;
      frames_.pop_back();
      result = *done;
      resumed = true;
    }
    return result;
  }

  // Advances the top frame: nullopt while it goes on (having perhaps pushed a frame), else what it returns.
  std::optional<bool> Step(bool resumed, bool result) {
    Frame& frame = frames_.back();
    switch (frame.stage) {
      case Stage::kCompound:
        if (!CompoundMatches(frame.complex->compounds[frame.k], frame.element->v.element)) return false;
        if (!PositionsMatch(frame.complex->compounds[frame.k], frame.element)) return false;
        frame.stage = Stage::kNegations;
        return std::nullopt;
      case Stage::kNegations: return StepNegations(resumed, result);
      case Stage::kRelation: return StartRelation();
      case Stage::kSearch: return StepSearch(resumed, result);
    }
    return false;
  }

  // Selectors Level 4, "The Negation (Matches-None) Pseudo-class": :not(list) matches when no selector of the
  // list matches.
  std::optional<bool> StepNegations(bool resumed, bool result) {
    Frame& frame = frames_.back();
    if (resumed) {
      if (result) return false;
      ++frame.alternative;
    }
    const Compound& compound = frame.complex->compounds[frame.k];
    while (frame.negation < compound.negations.size()) {
      const std::vector<Complex>& list = program_.lists[compound.negations[frame.negation]];
      if (frame.alternative < list.size()) {
        const Frame next{&list[frame.alternative], 0, frame.element};
        frames_.push_back(next);
        return std::nullopt;
      }
      ++frame.negation;
      frame.alternative = 0;
    }
    frame.stage = Stage::kRelation;
    return std::nullopt;
  }

  // Selectors Level 4, "Combinators": moves on to compounds[k + 1] through the combinator between them.
  std::optional<bool> StartRelation() {
    Frame& frame = frames_.back();
    if (frame.k + 1 == frame.complex->compounds.size()) return true;
    const GumboNode* next = nullptr;
    switch (frame.complex->combinators[frame.k]) {
      case Combinator::kChild: next = ParentElement(frame.element); break;
      case Combinator::kNextSibling: next = PreviousElementSibling(frame.element); break;
      case Combinator::kDescendant:
      case Combinator::kSubsequentSibling:
        frame.start = frame.cursor = Advance(frame.element);
        frame.stage = Stage::kSearch;
        return std::nullopt;
    }
    if (next == nullptr) return false;
    // The rest of the selector decides alone: the frame becomes the one for compounds[k + 1].
    ++frame.k;
    frame.element = next;
    frame.stage = Stage::kCompound;
    return std::nullopt;
  }

  // The candidate after `node` in the search of the top frame: its parent element or previous sibling.
  const GumboNode* Advance(const GumboNode* node) const {
    const Frame& frame = frames_.back();
    return frame.complex->combinators[frame.k] == Combinator::kDescendant ? ParentElement(node)
                                                                          : PreviousElementSibling(node);
  }

  // Searches the candidates from frame.cursor on for one that compounds[k + 1] and the rest match.
  std::optional<bool> StepSearch(bool resumed, bool result) {
    Frame& frame = frames_.back();
    const std::size_t slot = frame.complex->first_slot + frame.k + 1;
    if (resumed) {
      if (result) {
        Remember(slot, frame.start, Advance(frame.cursor), true);
        return true;
      }
      frame.cursor = Advance(frame.cursor);
    }
    if (frame.cursor == nullptr) {
      Remember(slot, frame.start, nullptr, false);
      return false;
    }
    if (auto known = memo_.find(MemoKey{frame.cursor, slot}); known != memo_.end()) {
      const bool found = known->second;
      Remember(slot, frame.start, frame.cursor, found);
      return found;
    }
    const Frame next{frame.complex, frame.k + 1, frame.cursor};
    frames_.push_back(next);
    return std::nullopt;
  }

  // Records `found` for the candidates from `from` up to `stop` (excluded) of the top frame's search.
  void Remember(std::size_t slot, const GumboNode* from, const GumboNode* stop, bool found) {
    for (const GumboNode* node = from; node != stop && node != nullptr; node = Advance(node)) {
      if (memo_.size() >= kMaxMemoEntries) memo_.clear();
      memo_[MemoKey{node, slot}] = found;
    }
  }

  bool CompoundMatches(const Compound& compound, const GumboElement& element) {
    const bool html = element.tag_namespace == GUMBO_NAMESPACE_HTML;
    if (compound.has_type && LocalName(element) != (html ? compound.lower_type : compound.type)) return false;
    if (!compound.ids.empty()) {
      const GumboAttribute* id = FindAttribute(element, "id");
      if (id == nullptr) return false;
      for (const std::string& wanted : compound.ids) {
        if (!Equal(id->value, wanted, quirks_)) return false;
      }
    }
    if (!compound.classes.empty()) {
      const GumboAttribute* classes = FindAttribute(element, "class");
      if (classes == nullptr) return false;
      for (const std::string& wanted : compound.classes) {
        if (!ContainsWord(classes->value, wanted, quirks_)) return false;
      }
    }
    for (const AttributeTest& test : compound.attributes) {
      const std::string& name = html ? test.lower_name : test.name;
      const GumboAttribute* attribute = FindAttribute(element, name);
      if (attribute == nullptr) return false;
      bool ignore_case = test.value_case == ValueCase::kInsensitive;
      if (test.value_case == ValueCase::kDefault && html) {
        ignore_case = std::binary_search(kCaseInsensitiveValueAttributes.begin(),
                                         kCaseInsensitiveValueAttributes.end(), std::string_view(name));
      }
      if (!ValueMatches(test, attribute->value, ignore_case)) return false;
    }
    return true;
  }

  bool PositionsMatch(const Compound& compound, const GumboNode* element) {
    for (const PositionTest& test : compound.positions) {
      switch (test.kind) {
        case PositionTest::Kind::kFirstChild:
          if (PreviousElementSibling(element) != nullptr) return false;
          break;
        case PositionTest::Kind::kLastChild:
          if (NextElementSibling(element) != nullptr) return false;
          break;
        case PositionTest::Kind::kNthChild:
          if (!NthMatches(test.a, test.b, ElementIndex(element))) return false;
          break;
      }
    }
    return true;
  }

  // The element's local name (DOM): lowercase for HTML and MathML, and for SVG with the case the parser
  // restores (HTML Standard 13.2.6.5, the table of SVG element names: "foreignObject").
  std::string_view LocalName(const GumboElement& element) {
    std::string_view name;
    if (element.tag != GUMBO_TAG_UNKNOWN) {
      name = gumbo_normalized_tagname(element.tag);
    } else {
      name_buffer_ = NameFromStartTag(element.original_tag);
      name = name_buffer_;
    }
    if (element.tag_namespace == GUMBO_NAMESPACE_SVG) {
      const GumboStringPiece piece{name.data(), name.size()};
      if (const char* fixed = gumbo_normalize_svg_tagname(&piece)) return fixed;
    }
    return name;
  }

  // The element's 1-based index among its element siblings. Each parent keeps a cursor that counts on
  // (or back) from the last sibling asked about: Select visits siblings in order, and a `~` search walks
  // back from there, so the cursor moves about as far as they walk, instead of recounting from the first
  // child each time (quadratic in a parent with a million children).
  std::int64_t ElementIndex(const GumboNode* element) {
    std::size_t position = 0;
    const GumboVector* siblings = SiblingsOf(element, position);
    if (siblings == nullptr) return 1;
    IndexCursor& cursor = index_cursors_[element->parent];
    for (; cursor.position < position; ++cursor.position) {
      if (IsElement(ChildAt(*siblings, cursor.position))) ++cursor.elements_before;
    }
    while (cursor.position > position) {
      if (IsElement(ChildAt(*siblings, --cursor.position))) --cursor.elements_before;
    }
    return cursor.elements_before + 1;
  }

  struct IndexCursor {
    std::size_t position = 0;          // a child position
    std::int64_t elements_before = 0;  // how many children before it are elements
  };

  const Program& program_;
  const bool quirks_;
  std::vector<Frame> frames_;
  std::unordered_map<MemoKey, bool, MemoKeyHash> memo_;
  std::unordered_map<const GumboNode*, IndexCursor> index_cursors_;
  std::string name_buffer_;
};

}  // namespace

CssSelector::CssSelector(std::string text, std::shared_ptr<const css::Program> program)
    : text_(std::move(text)), program_(std::move(program)) {}

Result<CssSelector> CssSelector::Parse(std::string_view text) {
  if (text.size() > kMaxBytes) {
    return Status::InvalidArgument(AtCharacter(text, kMaxBytes) + "the selector is longer than " +
                                   std::to_string(kMaxBytes) + " bytes");
  }
  Result<css::Program> program = Parser(text).Run();
  if (!program.ok()) return program.status();
  return CssSelector(std::string(text), std::make_shared<const css::Program>(std::move(*program)));
}

bool CssSelector::Matches(const GumboNode& node) const {
  if (!IsElement(&node)) return false;
  Matcher matcher(*program_, program_->uses_id_or_class && InQuirksMode(node));
  return matcher.MatchesList(0, &node);
}

std::vector<const GumboNode*> CssSelector::Select(const GumboNode& scope, std::size_t limit) const {
  std::vector<const GumboNode*> found;
  // A template's contents are not searched (see the header); nor are those of a template scope.
  if (limit == 0 || (scope.type != GUMBO_NODE_DOCUMENT && scope.type != GUMBO_NODE_ELEMENT)) return found;
  Matcher matcher(*program_, program_->uses_id_or_class && InQuirksMode(scope));
  // Preorder, with the children still to visit of each open element on an explicit stack.
  struct Level {
    const GumboVector* children;
    std::size_t next;
  };
  std::vector<Level> stack{{ChildrenOf(&scope), 0}};
  while (!stack.empty()) {
    Level& level = stack.back();
    if (level.next == level.children->length) {
      stack.pop_back();
      continue;
    }
    const GumboNode* node = ChildAt(*level.children, level.next++);
    if (!IsElement(node)) continue;
    if (matcher.MatchesList(0, node)) {
      found.push_back(node);
      if (found.size() == limit) break;
    }
    if (node->type == GUMBO_NODE_ELEMENT && node->v.element.children.length > 0) {
      stack.push_back(Level{&node->v.element.children, 0});
    }
  }
  return found;
}

}  // namespace arachne
