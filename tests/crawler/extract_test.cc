// [[extract]] rules and the page callback in real crawls of the test site, whose generator knows every
// product's values: the records, the JSON Lines and the CSV all carry them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "arachne/crawler.h"
#include "arachne/page.h"
#include "support/run_crawl.h"
#include "support/serve_site.h"
#include "support/temp_dir.h"

// Designated initializers name only the fields a test sets; the others keep their defaults, on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace arachne {
namespace {

using test::Crawl;
using test::RunCrawl;
using test::ServeSite;
using test::TempDir;
using testsite::SiteServer;

Config ProductConfig(const SiteServer& server, const std::string& output_dir) {
  Config c;
  c.name = "shop";
  c.seeds = {server.index_url()};
  c.worker_executable = ARACHNE_WORKER_PATH;
  c.workers.fetchers = 1;
  c.workers.parsers = 2;
  c.politeness.max_per_host = 16;
  c.output.dir = output_dir;
  c.output.formats = {"jsonl", "csv"};
  c.extract = {
      ExtractRule{.field = "product", .css = "div.product > h2.name"},
      ExtractRule{.field = "price", .css = "div.product > span.price"},
      ExtractRule{.field = "currency", .css = "div.product > span.price", .take = "attr:data-currency"},
      ExtractRule{.field = "tags", .css = "ul.tags > li", .all = true},
      ExtractRule{.field = "photo", .css = "img.photo", .take = "attr:src", .absolute = true},
      // Only on /p/ pages: a product page under /s/ has it null.
      ExtractRule{.field = "id", .css = "div.product", .take = "attr:id", .pages = {"/p/"}},
  };
  return c;
}

std::vector<std::string> Values(const FieldValue& field) {
  return field.null ? std::vector<std::string>{} : field.values;
}

// Each record's fields against the product the site generator put on its page (or nulls).
void ExpectProductFields(const std::vector<Record>& records, const SiteServer& server) {
  std::map<std::string, const testsite::ExpectedUrl*> truth;
  const std::vector<testsite::ExpectedUrl> reachable = server.Reachable();
  for (const testsite::ExpectedUrl& want : reachable) truth[want.url] = &want;
  int products = 0, without = 0, id_null_off_pages = 0;
  for (const Record& r : records) {
    ASSERT_EQ(r.fields.size(), 6u) << r.url;
    const std::vector<std::string> names = {"product", "price", "currency", "tags", "photo", "id"};
    for (std::size_t i = 0; i < names.size(); ++i) EXPECT_EQ(r.fields[i].name, names[i]);
    EXPECT_TRUE(r.fields[3].all);
    auto it = truth.find(r.url);
    ASSERT_NE(it, truth.end()) << r.url;
    const std::optional<testsite::Product>& product = it->second->product;
    if (!product) {
      ++without;
      for (std::size_t i = 0; i < 6; ++i) {
        if (i == 3) continue;
        EXPECT_TRUE(r.fields[i].null) << r.url << " " << names[i];
      }
      // `tags` (all = true) is [] on an HTML page without a product, null on a record of anything else.
      const bool html = r.status == 200 && r.content_type.starts_with("text/html");
      EXPECT_EQ(r.fields[3].null, !html) << r.url;
      EXPECT_TRUE(r.fields[3].values.empty()) << r.url;
      continue;
    }
    ++products;
    EXPECT_THAT(Values(r.fields[0]), ::testing::ElementsAre(product->name)) << r.url;
    EXPECT_THAT(Values(r.fields[1]), ::testing::ElementsAre(product->price)) << r.url;
    EXPECT_THAT(Values(r.fields[2]), ::testing::ElementsAre(product->currency)) << r.url;
    EXPECT_FALSE(r.fields[3].null) << r.url;
    EXPECT_EQ(r.fields[3].values, product->tags) << r.url;
    EXPECT_THAT(Values(r.fields[4]), ::testing::ElementsAre(product->photo)) << r.url;
    if (r.url.find("/p/") != std::string::npos) {
      EXPECT_THAT(Values(r.fields[5]), ::testing::ElementsAre(product->id)) << r.url;
    } else {
      EXPECT_TRUE(r.fields[5].null) << r.url;
      ++id_null_off_pages;
    }
  }
  EXPECT_GT(products, 20) << "the site should show products";
  EXPECT_GT(without, 20);
  EXPECT_GT(id_null_off_pages, 0) << "some product pages are under /s/, where `id` does not apply";
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Extract, RulesGiveTheValuesTheSiteGeneratorKnows) {
  auto server = ServeSite({.pages = 300, .seed = 5});
  ASSERT_TRUE(server);
  TempDir out;
  Crawl crawl = RunCrawl(ProductConfig(*server, out.path()));
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ASSERT_GT(crawl.records.size(), 300u);
  ExpectProductFields(crawl.records, *server);

  // JSON Lines: the fields at the top level, after the built-in ones, as the records have them.
  std::map<std::string, const Record*> by_url;
  for (const Record& r : crawl.records) by_url[r.url] = &r;
  const std::vector<std::string> jsonl = Lines(out.File("shop.jsonl"));
  ASSERT_EQ(jsonl.size(), crawl.records.size());
  for (const std::string& line : jsonl) {
    const nlohmann::json j = nlohmann::json::parse(line);
    const Record& r = *by_url.at(j.at("url").get<std::string>());
    const FieldValue& price = r.fields[1];
    if (price.null) {
      EXPECT_TRUE(j.at("price").is_null()) << line;
    } else {
      EXPECT_EQ(j.at("price"), price.values[0]) << line;
    }
    const FieldValue& tags = r.fields[3];
    if (tags.null) {
      EXPECT_TRUE(j.at("tags").is_null());
    } else {
      EXPECT_EQ(j.at("tags"), nlohmann::json(tags.values)) << line;
    }
    // The fields follow "error", the last built-in key.
    const std::string text = line;
    EXPECT_LT(text.find("\"error\":"), text.find("\"product\":")) << line;
  }

  // CSV: a column per rule after the built-in ones; an `all` field's cell is its JSON array.
  const std::vector<std::string> csv = Lines(out.File("shop.csv"));
  ASSERT_EQ(csv.size(), crawl.records.size() + 1);
  EXPECT_TRUE(csv[0].ends_with(",error,product,price,currency,tags,photo,id\r")) << csv[0];
  bool saw_tags_array = false;
  for (const std::string& line : csv) {
    if (line.find("\"[\"\"") != std::string::npos) saw_tags_array = true;  // "[""new river"",...]"
  }
  EXPECT_TRUE(saw_tags_array);
}

TEST(Extract, GumboParsersGiveTheSameFields) {
  auto server = ServeSite({.pages = 120, .seed = 9});
  ASSERT_TRUE(server);
  TempDir out;
  Config config = ProductConfig(*server, out.path());
  config.workers.html_parser = "gumbo";
  Crawl crawl = RunCrawl(config);
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  ExpectProductFields(crawl.records, *server);
}

TEST(Extract, OnPageSeesTheDomAndFillsADeclaredField) {
  auto server = ServeSite({.pages = 80, .seed = 3});
  ASSERT_TRUE(server);
  TempDir out;
  Config config = ProductConfig(*server, out.path());
  // Declared so that CSV has its column; the selector matches nothing, the callback fills it.
  config.extract.push_back(ExtractRule{.field = "heading", .css = "h1.never"});
  int pages = 0;
  Crawl crawl;
  {
    Crawler crawler(config);
    crawler.OnPage([&](const Page& page, Record& record) {
      ++pages;
      EXPECT_EQ(page.url(), record.url);
      EXPECT_NE(page.html().find("<h1>"), std::string::npos);
      EXPECT_EQ(page.Root().Name(), "html");
      Result<std::vector<Element>> h1 = page.Select("body > h1");
      ASSERT_TRUE(h1.ok()) << h1.status().ToString();
      ASSERT_EQ(h1->size(), 1u);
      EXPECT_EQ((*h1)[0].Name(), "h1");
      FieldValue& heading = record.fields.back();
      ASSERT_EQ(heading.name, "heading");
      heading.null = false;
      heading.values = {(*h1)[0].Text()};
      // A bad selector is an error value, not a crash.
      EXPECT_FALSE(page.Select("div >").ok());
      Result<std::vector<Element>> canonical = page.Select("link[rel=canonical]");
      ASSERT_TRUE(canonical.ok());
      ASSERT_EQ(canonical->size(), 1u);
      EXPECT_EQ((*canonical)[0].Attribute("href"),
                std::optional<std::string>(record.url.substr(0, record.url.find('?'))));
    });
    crawler.OnRecord([&](const Record& r) { crawl.records.push_back(r); });
    crawl.summary = crawler.Run();
  }
  ASSERT_TRUE(crawl.summary.ok()) << crawl.summary.status().ToString();
  int html = 0;
  for (const Record& r : crawl.records) {
    if (r.status != 200 || !r.content_type.starts_with("text/html") ||
        r.url.find("/private/") != std::string::npos) {
      continue;
    }
    ++html;
    EXPECT_THAT(r.fields.back().values, ::testing::ElementsAre(r.title)) << r.url;
  }
  EXPECT_GT(html, 50);
  EXPECT_GE(pages, html);
  // The column is in the CSV, filled.
  const std::vector<std::string> csv = Lines(out.File("shop.csv"));
  EXPECT_TRUE(csv.at(0).ends_with(",id,heading\r")) << csv[0];
}

}  // namespace
}  // namespace arachne
