#include "sitemap/sitemap_xml.h"

#include <expat.h>

#include <memory>
#include <string>

#include "sitemap/sitemap_loc.h"

namespace arachne {

namespace {

// Namespaces are matched by local name, whatever the prefix: sitemaps in the wild use "sm:", declare the
// default namespace wrongly, or use a prefix (often "image:") they never declare. Expat's namespace mode
// would refuse the last as "unbound prefix", so the parser runs without it and prefixes are dropped here.
std::string_view LocalName(const XML_Char* name) {
  const std::string_view full(name);
  const std::size_t colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

struct ExpatParserDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};
using ExpatParser = std::unique_ptr<XML_ParserStruct, ExpatParserDeleter>;

// Collects the <loc> children of the root's <url> (in a <urlset>) or <sitemap> (in a <sitemapindex>)
// children. A <loc> anywhere else, such as <image:loc> inside <image:image>, is some extension's.
class XmlSitemapReader {
 public:
  XmlSitemapReader(XML_Parser parser, Sitemap& out) : parser_(parser), out_(out) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &OnStart, &OnEnd);
    XML_SetCharacterDataHandler(parser_, &OnText);
    XML_SetEntityDeclHandler(parser_, &OnEntityDecl);
    // Expat loads no external entity or DTD unless handlers for them are set, and none are: no XXE.
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
  }

  // Why the parser stopped itself, or "" when it did not.
  const std::string& refusal() const { return refusal_; }

 private:
  static void XMLCALL OnStart(void* self, const XML_Char* name, const XML_Char** /*attributes*/) {
    static_cast<XmlSitemapReader*>(self)->Start(LocalName(name));
  }
  static void XMLCALL OnEnd(void* self, const XML_Char* /*name*/) {
    static_cast<XmlSitemapReader*>(self)->End();
  }
  static void XMLCALL OnText(void* self, const XML_Char* text, int length) {
    static_cast<XmlSitemapReader*>(self)->Text(std::string_view(text, static_cast<std::size_t>(length)));
  }
  // sitemaps.org asks for the five predefined entities only (&amp; &apos; &quot; &gt; &lt;); a declared one
  // has no use in a sitemap but to amplify ("billion laughs") or to reach outside (XXE). Refusing the
  // declaration stops both before any expansion, whatever expat's own amplification limits.
  static void XMLCALL OnEntityDecl(void* self, const XML_Char* /*name*/, int /*is_parameter*/,
                                   const XML_Char* /*value*/, int /*value_length*/, const XML_Char* /*base*/,
                                   const XML_Char* /*system_id*/, const XML_Char* /*public_id*/,
                                   const XML_Char* /*notation*/) {
    static_cast<XmlSitemapReader*>(self)->Refuse("entity declarations are not allowed in a sitemap");
  }

  void Start(std::string_view name) {
    ++depth_;
    if (depth_ == 1) return StartRoot(name);
    if (depth_ == 2) in_entry_ = name == entry_;
    if (depth_ == 3 && in_entry_ && name == "loc") {
      in_loc_ = true;
      loc_.clear();
    }
  }

  void StartRoot(std::string_view name) {
    if (name == "urlset") {
      entry_ = "url";
      kind_ = LocKind::kPage;
    } else if (name == "sitemapindex") {
      entry_ = "sitemap";
      kind_ = LocKind::kSitemap;
    } else {
      Refuse("not a sitemap (root element <" + std::string(name.substr(0, 64)) + ">)");
    }
  }

  void End() {
    if (depth_ == 3 && in_loc_) EndLoc();
    --depth_;
  }

  void EndLoc() {
    in_loc_ = false;
    if (loc_too_long_) {
      loc_too_long_ = false;
      ++out_.skipped;
      return;
    }
    if (!AddLoc(loc_, kind_, out_)) XML_StopParser(parser_, XML_FALSE);  // the 50,000 URL cap
  }

  // Only the <loc>'s own text counts; expat may deliver it in pieces.
  void Text(std::string_view text) {
    if (!in_loc_ || depth_ != 3) return;
    if (loc_.size() + text.size() > kSitemapMaxLocBytes + 64) {  // + 64: room for the whitespace around it
      loc_too_long_ = true;
      return;
    }
    loc_.append(text);
  }

  void Refuse(std::string why) {
    refusal_ = std::move(why);
    XML_StopParser(parser_, XML_FALSE);
  }

  XML_Parser parser_;
  Sitemap& out_;
  int depth_ = 0;           // 1 inside the root, 2 inside an entry, 3 inside its <loc>
  std::string_view entry_;  // "url" or "sitemap", as the root says
  LocKind kind_ = LocKind::kPage;
  bool in_entry_ = false;
  bool in_loc_ = false;
  bool loc_too_long_ = false;
  std::string loc_;
  std::string refusal_;
};

std::string Where(const XmlSitemapInput& input, XML_Parser parser) {
  return "sitemap " + std::string(input.url) + ": line " +
         std::to_string(input.lines_before + XML_GetCurrentLineNumber(parser)) + ": ";
}

}  // namespace

Status ReadXmlSitemap(const XmlSitemapInput& input, Sitemap& out) {
  ExpatParser parser(XML_ParserCreate(nullptr));
  if (!parser) return Status::Internal("sitemap " + std::string(input.url) + ": expat: out of memory");
  XmlSitemapReader reader(parser.get(), out);
  // The input is at most kSitemapMaxBytes, well within an int.
  const XML_Status status = XML_Parse(parser.get(), input.xml.data(), static_cast<int>(input.xml.size()),
                                      input.complete ? XML_TRUE : XML_FALSE);
  if (!reader.refusal().empty()) {
    return Status::InvalidArgument(Where(input, parser.get()) + reader.refusal());
  }
  const XML_Error error = XML_GetErrorCode(parser.get());
  // XML_ERROR_ABORTED: the reader stopped at the URL cap, which is no error.
  if (status == XML_STATUS_ERROR && error != XML_ERROR_ABORTED) {
    return Status::InvalidArgument(Where(input, parser.get()) + XML_ErrorString(error));
  }
  return Status::Ok();
}

}  // namespace arachne
