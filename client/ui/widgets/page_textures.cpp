#include "client/ui/widgets/page_textures.h"

#include <GL/gl.h>

namespace nastavnik::ui::widgets {

void PageTextures::Sync(const std::shared_ptr<const view::ReportPreviewData>& preview) {
  if (preview == uploaded_) return;
  Release();
  uploaded_ = preview;
  if (!preview) return;
  for (const report::PageImage& page : preview->pages) {
    GLuint name = 0;
    glGenTextures(1, &name);
    glBindTexture(GL_TEXTURE_2D, name);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, page.width, page.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, page.rgba.data());
    names_.push_back(name);
  }
  glBindTexture(GL_TEXTURE_2D, 0);
}

ImTextureID PageTextures::texture(size_t page) const {
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(names_.at(page)));
}

void PageTextures::Release() {
  if (!names_.empty()) glDeleteTextures(static_cast<GLsizei>(names_.size()), names_.data());
  names_.clear();
  uploaded_.reset();
}

}  // namespace nastavnik::ui::widgets
