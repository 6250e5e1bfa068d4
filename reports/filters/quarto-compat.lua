-- The Quarto features the brief uses, for plain pandoc, written out the way Quarto 1.11 writes
-- them with `minimal: true`, so one stylesheet lays out both engines' HTML the same way
-- (see ../shared/reference/QUARTO-NOTES.md):
--   * figures and tables with ids fig-*/tbl-* are numbered and wrapped as Quarto wraps them:
--       div#id.quarto-float > figure.quarto-float-{fig,tbl} > figcaption ("Figure N: ...")
--       + div[aria-describedby] > content (tables: caption on top; figures: caption below)
--   * @fig-x / @tbl-x become links reading "Figure N" / "Table N" (class quarto-xref)
--   * the image's fig-alt attribute becomes its alt text
--   * callouts (.callout-*) become div > blockquote > p > strong title, as Quarto renders them
-- Labels use a no-break space ("Figure\u{a0}3"), as Quarto's do. An unresolved cross-reference
-- stops the build instead of printing "?@fig-x".

local NBSP = "\u{a0}"
local names = { fig = "Figure", tbl = "Table" }
local numbers = {}
local counts = { fig = 0, tbl = 0 }

local function kind_of(id)
  return id and (id:match("^(fig)%-") or id:match("^(tbl)%-"))
end

local function register(id)
  local kind = kind_of(id)
  if kind and not numbers[id] then
    counts[kind] = counts[kind] + 1
    numbers[id] = names[kind] .. NBSP .. counts[kind]
  end
  return numbers[id]
end

local function html(text)
  return pandoc.RawBlock("html", text)
end

-- Quarto's float markup around `body`, with `caption` (inlines) above tables, below figures.
local function quarto_float(id, kind, caption, body)
  local caption_id = id .. "-caption"
  local side = kind == "tbl" and "top" or "bottom"
  local label = pandoc.Inlines({ pandoc.Str(numbers[id] .. ":"), pandoc.Space() })
  label:extend(caption)
  local figcaption = pandoc.Blocks({
    html(string.format('<figcaption class="quarto-float-caption-%s quarto-float-caption quarto-float-%s" id="%s">',
      side, kind, caption_id)),
    pandoc.Plain(label),
    html("</figcaption>"),
  })
  local content = pandoc.Div(body, pandoc.Attr("", {}, { ["aria-describedby"] = caption_id }))
  local inner = pandoc.Blocks({ html(string.format('<figure class="quarto-float quarto-float-%s">', kind)) })
  if side == "top" then inner:extend(figcaption) end
  inner:insert(content)
  if side == "bottom" then inner:extend(figcaption) end
  inner:insert(html("</figure>"))
  return pandoc.Div(inner, pandoc.Attr(id, { "quarto-float", "quarto-figure", "quarto-figure-center" }))
end

local function caption_inlines(caption)
  return pandoc.utils.blocks_to_inlines(caption.long)
end

local function number_figure(fig)
  if not register(fig.identifier) then return nil end
  local body = fig.content:walk({
    Image = function(img)
      local alt = img.attributes["fig-alt"]
      if alt then
        img.caption = pandoc.Inlines({ pandoc.Str(alt) })
        img.attributes["fig-alt"] = nil
      end
      return img
    end,
  })
  return quarto_float(fig.identifier, "fig", caption_inlines(fig.caption), body)
end

local function number_table(tbl)
  local id = tbl.identifier
  if not register(id) then return nil end
  local caption = caption_inlines(tbl.caption)
  tbl.caption = pandoc.Caption()
  tbl.identifier = ""
  tbl.classes:insert("caption-top")
  return quarto_float(id, "tbl", caption, { tbl })
end

local function callout(div)
  for _, class in ipairs(div.classes) do
    if class:match("^callout%-") then
      local title = div.attributes["title"] or ""
      local content = pandoc.Blocks({ pandoc.Para({ pandoc.Strong(pandoc.Inlines(title)) }) })
      content:extend(div.content)
      return pandoc.Div({ pandoc.BlockQuote(content) })
    end
  end
  return nil
end

local function xref(cite)
  local id = cite.citations[1].id
  if not kind_of(id) then return nil end
  local label = numbers[id]
  if not label then
    error("unresolved cross-reference @" .. id .. " (no figure or table has that id)")
  end
  return pandoc.Link({ pandoc.Str(label) }, "#" .. id, "", pandoc.Attr("", { "quarto-xref" }))
end

function Pandoc(doc)
  doc = doc:walk({ traverse = "topdown", Figure = number_figure, Table = number_table })
  doc = doc:walk({ Div = callout, Cite = xref })
  return doc
end
