#include "fetcher/html_sniffer.h"

#include <gtest/gtest.h>

namespace arachne {
namespace {

TEST(HtmlSniffer, ContentTypeDecides) {
  EXPECT_TRUE(IsHtmlResponse("text/html", ""));
  EXPECT_TRUE(IsHtmlResponse("Text/HTML; charset=ISO-8859-1", "binary"));
  EXPECT_TRUE(IsHtmlResponse("application/xhtml+xml", ""));
  EXPECT_FALSE(IsHtmlResponse("application/pdf", "<html>"));
  EXPECT_FALSE(IsHtmlResponse("image/png", "<html>"));
  EXPECT_FALSE(IsHtmlResponse("text/css", "<html>"));
}

TEST(HtmlSniffer, MissingOrVagueTypeIsSniffed) {
  EXPECT_TRUE(IsHtmlResponse("", "<!DOCTYPE html><html>"));
  EXPECT_TRUE(IsHtmlResponse("", "\xEF\xBB\xBF  \n<html lang=en>"));
  EXPECT_TRUE(IsHtmlResponse("application/octet-stream", "<p>hello"));
  EXPECT_TRUE(IsHtmlResponse("", "<!-- comment -->"));
  EXPECT_FALSE(IsHtmlResponse("", "%PDF-1.4"));
  EXPECT_FALSE(IsHtmlResponse("", "<body"));  // the pattern needs a following space or '>'
  EXPECT_FALSE(IsHtmlResponse("", "<bold>"));
  EXPECT_FALSE(IsHtmlResponse("", ""));
}

TEST(HtmlSniffer, OnlyMissingOrVagueTypesWaitForTheBody) {
  EXPECT_TRUE(IsSniffedType(""));
  EXPECT_TRUE(IsSniffedType("  "));
  EXPECT_TRUE(IsSniffedType("text/plain; charset=utf-8"));
  EXPECT_TRUE(IsSniffedType("Application/Octet-Stream"));
  EXPECT_TRUE(IsSniffedType("unknown/unknown"));
  EXPECT_TRUE(IsSniffedType("*/*"));
  EXPECT_FALSE(IsSniffedType("text/html"));
  EXPECT_FALSE(IsSniffedType("image/png"));
  EXPECT_FALSE(IsSniffedType("application/gzip"));
}

}  // namespace
}  // namespace arachne
