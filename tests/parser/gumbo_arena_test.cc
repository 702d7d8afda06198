#include "parser/gumbo_arena.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parser/gumbo_document.h"
#include "parser/small_stack.h"
#include "testsite/site.h"

namespace arachne {
namespace {

bool Aligned(const void* pointer) {
  return reinterpret_cast<std::uintptr_t>(pointer) % GumboArena::kAlignment == 0;
}

// Fills `size` bytes at `pointer` with a pattern of `seed`, and checks it later: an allocation that
// overlapped another would have had its bytes overwritten.
void Fill(void* pointer, std::size_t size, std::uint8_t seed) {
  auto* bytes = static_cast<std::uint8_t*>(pointer);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(seed + i);
}
bool Holds(const void* pointer, std::size_t size, std::uint8_t seed) {
  const auto* bytes = static_cast<const std::uint8_t*>(pointer);
  for (std::size_t i = 0; i < size; ++i) {
    if (bytes[i] != static_cast<std::uint8_t>(seed + i)) return false;
  }
  return true;
}

TEST(GumboArena, EveryAllocationIsAlignedAndDistinct) {
  GumboArena arena;
  std::mt19937 random(7);  // fixed seed: the same sizes every run
  struct Piece {
    void* pointer;
    std::size_t size;
  };
  std::vector<Piece> pieces;
  for (int i = 0; i < 20'000; ++i) {
    // Mostly Gumbo's sizes (a few bytes to a node), with odd ones and zeros among them.
    std::size_t size = i % 100 == 0 ? 0 : random() % (i % 10 == 0 ? 5'000 : 130);
    void* pointer = arena.Allocate(size);
    ASSERT_NE(pointer, nullptr);
    ASSERT_TRUE(Aligned(pointer)) << "allocation " << i << " of " << size << " bytes at " << pointer;
    Fill(pointer, size, static_cast<std::uint8_t>(i));
    pieces.push_back({pointer, size});
  }
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    ASSERT_TRUE(Holds(pieces[i].pointer, pieces[i].size, static_cast<std::uint8_t>(i))) << "allocation " << i;
  }
  // Zero-byte requests too get pointers of their own, as from malloc.
  std::sort(pieces.begin(), pieces.end(),
            [](const Piece& a, const Piece& b) { return a.pointer < b.pointer; });
  for (std::size_t i = 1; i < pieces.size(); ++i) EXPECT_NE(pieces[i].pointer, pieces[i - 1].pointer);
}

TEST(GumboArena, SmallAllocationsFollowEachOtherInABlock) {
  GumboArena arena;
  auto* first = static_cast<std::byte*>(arena.Allocate(1));
  auto* second = static_cast<std::byte*>(arena.Allocate(GumboArena::kAlignment));
  EXPECT_EQ(second, first + GumboArena::kAlignment + GumboArena::kRedZoneBytes);
  EXPECT_EQ(arena.reserved_bytes(), GumboArena::kFirstBlockBytes);
}

TEST(GumboArena, ALargeRequestGetsItsOwnBlockAndTheCurrentOneGoesOn) {
  GumboArena arena;
  auto* before = static_cast<std::byte*>(arena.Allocate(100));
  constexpr std::size_t kLarge = 10 * 1024 * 1024 + 3;  // larger than any block
  void* large = arena.Allocate(kLarge);
  ASSERT_NE(large, nullptr);
  EXPECT_TRUE(Aligned(large));
  Fill(large, kLarge, 1);
  EXPECT_TRUE(Holds(large, kLarge, 1));
  // The small block was not abandoned: the next small allocation comes right after the first.
  auto* after = static_cast<std::byte*>(arena.Allocate(100));
  EXPECT_EQ(after, before + 112 + GumboArena::kRedZoneBytes);
  EXPECT_GE(arena.reserved_bytes(), GumboArena::kFirstBlockBytes + kLarge);
  EXPECT_LT(arena.reserved_bytes(), GumboArena::kFirstBlockBytes + kLarge + 64);
}

TEST(GumboArena, UnderAddressSanitizerAnOverrunIsCaught) {
  if (GumboArena::kRedZoneBytes == 0) GTEST_SKIP() << "not an AddressSanitizer build";
  GumboArena arena;
  // Neighbours on both sides, so that an overrun would otherwise land in memory handed out.
  arena.Allocate(32);
  auto* piece = static_cast<volatile char*>(arena.Allocate(32));
  arena.Allocate(32);
  piece[0] = 'x';
  piece[31] = 'x';
  EXPECT_DEATH(piece[32] = 'x', "use-after-poison");
  EXPECT_DEATH(piece[-1] = 'x', "use-after-poison");
  auto* odd = static_cast<volatile char*>(arena.Allocate(5));  // the rounding up to 16 is poisoned too
  odd[4] = 'x';
  EXPECT_DEATH(odd[5] = 'x', "use-after-poison");
}

TEST(GumboArena, AnImpossibleRequestGetsNullLikeMalloc) {
  GumboArena arena;
  EXPECT_EQ(arena.Allocate(std::numeric_limits<std::size_t>::max()), nullptr);
  EXPECT_NE(arena.Allocate(8), nullptr);  // and the arena still works
}

TEST(GumboArena, ManyAllocationsSpanGrowingBlocks) {
  GumboArena arena;
  constexpr int kCount = 200'000;
  constexpr std::size_t kSize = 48;  // a multiple of the alignment: no padding between them
  std::vector<void*> pointers;
  for (int i = 0; i < kCount; ++i) {
    pointers.push_back(arena.Allocate(kSize));
    ASSERT_NE(pointers.back(), nullptr);
    Fill(pointers.back(), kSize, static_cast<std::uint8_t>(i));
  }
  for (int i = 0; i < kCount; ++i) {
    ASSERT_TRUE(Holds(pointers[i], kSize, static_cast<std::uint8_t>(i))) << "allocation " << i;
  }
  // 9.6 MB in blocks of 64 KiB doubling to 1 MiB: at most one block's worth left unused.
  std::size_t used = kCount * (kSize + GumboArena::kRedZoneBytes);
  EXPECT_GE(arena.reserved_bytes(), used);
  EXPECT_LE(arena.reserved_bytes(), used + GumboArena::kMaxBlockBytes);
}

TEST(GumboArena, MovingKeepsTheMemoryAndEmptiesTheSource) {
  GumboArena first;
  void* pointer = first.Allocate(1000);
  Fill(pointer, 1000, 3);
  std::size_t reserved = first.reserved_bytes();

  GumboArena second(std::move(first));
  EXPECT_TRUE(Holds(pointer, 1000, 3));
  EXPECT_EQ(second.reserved_bytes(), reserved);
  EXPECT_EQ(first.reserved_bytes(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty, and usable
  void* again = first.Allocate(10);
  ASSERT_NE(again, nullptr);
  Fill(again, 10, 4);

  GumboArena third;
  third.Allocate(5);
  third = std::move(second);  // frees third's block, takes second's
  EXPECT_TRUE(Holds(pointer, 1000, 3));
  EXPECT_EQ(third.reserved_bytes(), reserved);
  // The block keeps being bumped after the move.
  EXPECT_EQ(static_cast<std::byte*>(third.Allocate(16)),
            static_cast<std::byte*>(pointer) + 1008 + GumboArena::kRedZoneBytes);
  EXPECT_TRUE(Holds(again, 10, 4));
}

TEST(GumboArena, OptionsSendGumbosAllocationsToTheArena) {
  GumboArena arena;
  GumboOptions options = arena.Options(GumboDocument::FastOptions());
  EXPECT_EQ(options.max_errors, 0);  // the rest of the options are kept
  EXPECT_EQ(options.userdata, &arena);
  std::string_view html = "<title>x</title><p class=a>text";
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  ASSERT_NE(output, nullptr);
  EXPECT_GT(arena.reserved_bytes(), 0u);
  EXPECT_EQ(output->root->v.element.tag, GUMBO_TAG_HTML);
  // No gumbo_destroy_output: the tree goes with the arena.
}

// Tree comparison: where two trees parsed from the same input differ, or "" if they do not. Iterative:
// the trees below are 100,000 levels deep and this runs on a small stack.

std::string_view View(const char* text) {
  return text == nullptr ? "<null>" : text;
}
std::string_view View(const GumboStringPiece& piece) {
  return {piece.data, piece.length};
}
bool operator==(const GumboSourcePosition& a, const GumboSourcePosition& b) {
  return a.line == b.line && a.column == b.column && a.offset == b.offset;
}
const GumboVector* ChildrenOf(const GumboNode& node) {
  switch (node.type) {
    case GUMBO_NODE_DOCUMENT: return &node.v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: return &node.v.element.children;
    default: return nullptr;
  }
}

std::string NodeDifference(const GumboNode& a, const GumboNode& b) {
  if (a.type != b.type) return "type";
  if (a.index_within_parent != b.index_within_parent) return "index_within_parent";
  if (a.parse_flags != b.parse_flags) return "parse_flags";
  switch (a.type) {
    case GUMBO_NODE_DOCUMENT: {
      const ::GumboDocument& x = a.v.document;
      const ::GumboDocument& y = b.v.document;
      if (x.has_doctype != y.has_doctype || View(x.name) != View(y.name) ||
          View(x.public_identifier) != View(y.public_identifier) ||
          View(x.system_identifier) != View(y.system_identifier) ||
          x.doc_type_quirks_mode != y.doc_type_quirks_mode) {
        return "doctype";
      }
      return "";
    }
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: {
      const GumboElement& x = a.v.element;
      const GumboElement& y = b.v.element;
      if (x.tag != y.tag || x.tag_namespace != y.tag_namespace) return "tag";
      if (View(x.original_tag) != View(y.original_tag) ||
          View(x.original_end_tag) != View(y.original_end_tag)) {
        return "original tag";
      }
      if (!(x.start_pos == y.start_pos) || !(x.end_pos == y.end_pos)) return "position";
      if (x.attributes.length != y.attributes.length) return "attribute count";
      for (unsigned i = 0; i < x.attributes.length; ++i) {
        const auto& p = *static_cast<const GumboAttribute*>(x.attributes.data[i]);
        const auto& q = *static_cast<const GumboAttribute*>(y.attributes.data[i]);
        if (p.attr_namespace != q.attr_namespace || View(p.name) != View(q.name) ||
            View(p.value) != View(q.value) || View(p.original_name) != View(q.original_name) ||
            View(p.original_value) != View(q.original_value) || !(p.name_start == q.name_start) ||
            !(p.value_end == q.value_end)) {
          return "attribute " + std::string(View(p.name));
        }
      }
      return "";
    }
    default: {
      const GumboText& x = a.v.text;
      const GumboText& y = b.v.text;
      if (View(x.text) != View(y.text) || View(x.original_text) != View(y.original_text)) return "text";
      if (!(x.start_pos == y.start_pos)) return "position";
      return "";
    }
  }
}

std::string TreeDifference(const GumboNode& a, const GumboNode& b) {
  std::vector<std::pair<const GumboNode*, const GumboNode*>> stack{{&a, &b}};
  std::size_t visited = 0;
  while (!stack.empty()) {
    auto [x, y] = stack.back();
    stack.pop_back();
    ++visited;
    std::string difference = NodeDifference(*x, *y);
    if (!difference.empty()) return difference + " of node " + std::to_string(visited);
    const GumboVector* xs = ChildrenOf(*x);
    const GumboVector* ys = ChildrenOf(*y);
    if (xs == nullptr) continue;
    if (xs->length != ys->length) return "child count of node " + std::to_string(visited);
    for (unsigned i = 0; i < xs->length; ++i) {
      const auto* cx = static_cast<const GumboNode*>(xs->data[i]);
      const auto* cy = static_cast<const GumboNode*>(ys->data[i]);
      if (cx->parent != x || cy->parent != y) return "parent link below node " + std::to_string(visited);
      stack.emplace_back(cx, cy);
    }
  }
  return "";
}

// Parses `html` into the arena (GumboDocument's default) and with malloc (FastOptions), and compares.
std::string ArenaAndMallocDifference(std::string_view html) {
  GumboDocument in_arena(html);
  GumboDocument with_malloc(html, GumboDocument::FastOptions());
  std::string difference = TreeDifference(in_arena.document(), with_malloc.document());
  if (!difference.empty()) return difference;
  if (&in_arena.root() == &in_arena.document() || in_arena.root().parent != &in_arena.document())
    return "root";
  return "";
}

TEST(GumboArenaDocument, TheComparisonSeesDifferences) {
  EXPECT_EQ(ArenaAndMallocDifference("<p class=a>x"), "");
  EXPECT_NE(
      TreeDifference(GumboDocument("<p class=a>x").document(), GumboDocument("<p class=b>x").document()), "");
  EXPECT_NE(TreeDifference(GumboDocument("<p>x").document(), GumboDocument("<p>y").document()), "");
  EXPECT_NE(TreeDifference(GumboDocument("<p>x").document(), GumboDocument("<p>x<p>").document()), "");
}

TEST(GumboArenaDocument, SameTreeAsWithMallocOnHandWrittenPages) {
  for (std::string_view html : {
           std::string_view(""),
           std::string_view("<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" "
                            "\"http://www.w3.org/TR/html4/strict.dtd\">"
                            "<title>t &amp; u</title><!-- c --><p class=a id='b' data-x=\"&lt;y&gt;\">text"),
           std::string_view("<p><b><i>x</b></i><table><tr>y</td></div></p></p>"),
           std::string_view(
               "<svg viewBox='0 0 1 1'><foreignObject><p>in</p></foreignObject><path d=M0/></svg>"
               "<math><mi>x</mi></math><template><td>cell</td></template><![CDATA[no]]>"),
           std::string_view("<frameset><frame src=a></frameset><select><option>1<option>2</select>"
                            "<script>if (a < b) document.write('</p>')</script><textarea>&lt;raw</textarea>"),
       }) {
    EXPECT_EQ(ArenaAndMallocDifference(html), "") << html;
  }
}

TEST(GumboArenaDocument, SameTreeAsWithMallocOnTestSitePages) {
  constexpr const char* kOrigin = "http://127.0.0.1:8080";
  testsite::Site site({.pages = 40, .seed = 5});
  for (int k = 0; k < site.options().pages; ++k) {
    std::string path = site.map().PagePath(k);
    testsite::Site::Body body = site.Get(path, kOrigin);
    ASSERT_EQ(body.status, 200) << path;
    EXPECT_EQ(ArenaAndMallocDifference(body.bytes), "") << path;
  }
}

TEST(GumboArenaDocument, SameTreeAsWithMallocHundredThousandDeepOnASmallStack) {
  // Spans, since 100,000 nested divs are quadratic for Gumbo (page_readers_test), and so are formatting
  // elements such as <em> (Gumbo scans its list of them at each one). Freeing the arena document must
  // not recurse; the malloc one relies on GumboDocument's flattening.
  std::string html = "<title>Deep</title>";
  for (int i = 0; i < 100'000; ++i) html += "<span>";
  html += "<a href=\"/bottom\">bottom</a>";
  std::string difference = "<not run>";
  ASSERT_TRUE(RunOnSmallStack([&] { difference = ArenaAndMallocDifference(html); }));
  EXPECT_EQ(difference, "");
}

TEST(GumboArenaDocument, SameTreeAsWithMallocOnAFiveMegabytePage) {
  std::string html = "<!doctype html><title>Big</title><ul>";
  for (int i = 0; i < 200'000; ++i) html += "<li><a href=\"/p/" + std::to_string(i) + "#f\">page</a>";
  html += "<pre>" + std::string(200'000, 'x') + "</pre>";  // one text node that grows its buffer far
  ASSERT_GT(html.size(), 5'000'000u);
  EXPECT_EQ(ArenaAndMallocDifference(html), "");
}

TEST(GumboArenaDocument, MovedDocumentKeepsItsTree) {
  std::string html = "<title>one</title><p>two";
  GumboDocument first(html);
  const GumboNode* root = &first.root();
  GumboDocument second(std::move(first));
  EXPECT_EQ(&second.root(), root);  // the nodes did not move with the arena
  GumboDocument third("<title>three</title>");
  third = std::move(second);
  EXPECT_EQ(TreeDifference(third.document(), GumboDocument(html).document()), "");
  GumboDocument with_malloc(html, kGumboDefaultOptions);
  third = std::move(with_malloc);  // frees the arena tree, takes one to free with free()
  EXPECT_EQ(TreeDifference(third.document(), GumboDocument(html).document()), "");
}

}  // namespace
}  // namespace arachne
