-- The Quarto features the brief uses, for plain pandoc, so both engines give the same
-- document (see ../shared/reference/QUARTO-NOTES.md for what Quarto emits):
--   * figures and tables with ids fig-*/tbl-* are numbered, captions read "Figure N: ..."
--   * @fig-x / @tbl-x become links reading "Figure N" / "Table N" (class quarto-xref)
--   * the image's fig-alt attribute becomes its alt text
--   * callouts (.callout-*) become <div><blockquote><p><strong>title</strong>... as Quarto
--     renders them with `minimal: true`
-- An unresolved cross-reference stops the build instead of printing "?@fig-x".

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
    numbers[id] = names[kind] .. " " .. counts[kind]
  end
  return numbers[id]
end

local function prefix_caption(caption, label)
  local long = caption.long
  if #long > 0 and long[1].content then
    long[1].content:insert(1, pandoc.Space())
    long[1].content:insert(1, pandoc.Str(label .. ":"))
  else
    long:insert(1, pandoc.Plain({ pandoc.Str(label .. ":") }))
  end
  caption.long = long
  return caption
end

local function number_figure(fig)
  local label = register(fig.identifier)
  if not label then return nil end
  fig.caption = prefix_caption(fig.caption, label)
  fig = fig:walk({
    Image = function(img)
      local alt = img.attributes["fig-alt"]
      if alt then
        img.caption = pandoc.Inlines({ pandoc.Str(alt) })
        img.attributes["fig-alt"] = nil
      end
      return img
    end,
  })
  return fig
end

local function number_table(tbl)
  local label = register(tbl.identifier)
  if not label then return nil end
  tbl.caption = prefix_caption(tbl.caption, label)
  return tbl
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
