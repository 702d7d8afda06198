#include "parser/gumbo_document.h"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace arachne {
namespace {

// A tree parsed with caller-chosen options is freed by gumbo_destroy_output, which recurses, one C stack
// frame per level (destroy_node in Gumbo 0.10.1's parser.c). A page of 100,000 nested <span>s then needs
// megabytes of stack and crashes a thread with a small one, and a 10 MB body can nest far deeper. Trees
// deeper than this are flattened first, so that freeing them recurses two levels.
constexpr std::size_t kMaxRecursiveDestroyDepth = 256;

GumboVector* ChildrenOf(GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT: return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: return &node->v.element.children;
    default: return nullptr;
  }
}

GumboNode* ChildAt(const GumboVector& children, unsigned i) { return static_cast<GumboNode*>(children.data[i]); }

// True when some node lies more than `limit` levels below `document`. Iterative, like every walk here.
bool DeeperThan(GumboNode* document, std::size_t limit) {
  std::vector<std::pair<GumboNode*, std::size_t>> stack{{document, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > limit) return true;
    const GumboVector* children = ChildrenOf(node);
    for (unsigned i = 0; children != nullptr && i < children->length; ++i) {
      GumboNode* child = ChildAt(*children, i);
      if (ChildrenOf(child) != nullptr) stack.emplace_back(child, depth + 1);
    }
  }
  return false;
}

// Makes every node a child of `document`. Each node keeps its own children array (destroy_node frees
// it) but with length 0, so destroy_node no longer descends into it. Parent links are left stale: the
// tree is about to be freed. Returns false if the new array could not be allocated.
bool Flatten(GumboNode* document, const GumboOptions& options) {
  std::vector<GumboNode*> nodes;
  std::vector<GumboNode*> stack{document};
  while (!stack.empty()) {
    GumboNode* node = stack.back();
    stack.pop_back();
    GumboVector* children = ChildrenOf(node);
    if (children == nullptr) continue;
    for (unsigned i = 0; i < children->length; ++i) {
      nodes.push_back(ChildAt(*children, i));
      stack.push_back(nodes.back());
    }
    children->length = 0;
  }
  // gumbo_destroy_output frees this array with the options' deallocator, so it comes from their allocator.
  auto* data = static_cast<void**>(options.allocator(options.userdata, nodes.size() * sizeof(void*)));
  if (data == nullptr) return false;
  std::copy(nodes.begin(), nodes.end(), data);
  GumboVector& top = document->v.document.children;
  options.deallocator(options.userdata, top.data);
  top.data = data;
  top.length = top.capacity = static_cast<unsigned>(nodes.size());
  return true;
}

}  // namespace

GumboOptions GumboDocument::FastOptions() {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  return options;
}

GumboDocument::GumboDocument(std::string_view html)
    : in_arena_(true),
      options_(arena_.Options(FastOptions())),
      output_(gumbo_parse_with_options(&options_, html.data(), html.size())) {}

GumboDocument::GumboDocument(std::string_view html, const GumboOptions& options)
    : options_(options), output_(gumbo_parse_with_options(&options_, html.data(), html.size())) {}

GumboDocument::~GumboDocument() { Destroy(); }

// The arena's blocks, and the tree in them, stay where they are; only the options follow it, so that they
// never name the moved-from arena.
GumboDocument::GumboDocument(GumboDocument&& other) noexcept
    : arena_(std::move(other.arena_)),
      in_arena_(other.in_arena_),
      options_(in_arena_ ? arena_.Options(other.options_) : other.options_),
      output_(std::exchange(other.output_, nullptr)) {}

GumboDocument& GumboDocument::operator=(GumboDocument&& other) noexcept {
  if (this != &other) {
    Destroy();
    arena_ = std::move(other.arena_);
    in_arena_ = other.in_arena_;
    options_ = in_arena_ ? arena_.Options(other.options_) : other.options_;
    output_ = std::exchange(other.output_, nullptr);
  }
  return *this;
}

void GumboDocument::Destroy() {
  if (output_ == nullptr) return;
  if (in_arena_) {
    // Every node lives in the arena's blocks: freeing them frees the tree, however deep, without a walk.
    output_ = nullptr;
    arena_ = GumboArena();
    return;
  }
  if (DeeperThan(output_->document, kMaxRecursiveDestroyDepth) && !Flatten(output_->document, options_)) {
    // Out of memory with a tree too deep to free safely: leaking it beats overflowing the stack.
    output_ = nullptr;
    return;
  }
  gumbo_destroy_output(&options_, output_);
  output_ = nullptr;
}

}  // namespace arachne
