"""Read a tagged PDF's structure tree with pikepdf: element types as standard roles, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Element:
    role: str  # the standard structure type, after the RoleMap (P, H1, Table, TH, L, LI …)
    attributes: dict = field(default_factory=dict)
    children: list["Element"] = field(default_factory=list)
    page: int | None = None  # the index of its page (/Pg), when it has one
    #: Where the link annotations it holds (OBJR kids) lead: page index, left, top (PDF coordinates)
    destinations: list[tuple[int, float, float]] = field(default_factory=list)

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()


def structure_tree(path) -> Element:
    import pikepdf

    with pikepdf.open(path) as pdf:
        tree_root = pdf.Root.StructTreeRoot
        role_map = {str(k): str(v) for k, v in tree_root.get("/RoleMap", {}).items()}

        def role(name: str) -> str:
            seen = set()
            while name in role_map and name not in seen:
                seen.add(name)
                name = role_map[name]
            return name.lstrip("/")

        def attributes(node) -> dict:
            found = {}
            owners = node.get("/A")
            if owners is None:
                return found
            for owner in owners if isinstance(owners, pikepdf.Array) else [owners]:
                if isinstance(owner, pikepdf.Dictionary):
                    found.update({str(k).lstrip("/"): str(v).lstrip("/") for k, v in owner.items()
                                  if k not in ("/O", "/BBox")})
            return found

        pages = {page.objgen: i for i, page in enumerate(pdf.pages)}

        def destination(annotation) -> tuple[int, float, float] | None:
            dest = annotation.get("/Dest")
            if isinstance(dest, pikepdf.Array) and len(dest) >= 4 and str(dest[1]) == "/XYZ":
                return pages.get(dest[0].objgen), float(dest[2]), float(dest[3])
            return None

        def element(node) -> Element:
            page = node.get("/Pg")
            out = Element(role(str(node.S)), attributes(node), page=None if page is None else pages.get(page.objgen))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    out.children.append(element(kid))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    found = destination(kid.Obj)
                    if found is not None:
                        out.destinations.append(found)
            return out

        top = Element("StructTreeRoot")
        kids = tree_root.K
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            top.children.append(element(kid))
        return top


def outline(tree: Element, depth: int = 0) -> list[str]:
    """The tree as indented role names, one line per element (for reading a failure)."""
    lines = [" " * depth + tree.role]
    for child in tree.children:
        lines += outline(child, depth + 1)
    return lines
