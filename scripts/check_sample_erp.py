#!/usr/bin/env python3
"""Check the 24SevenOffice sample data in samples/erp/ against the real WSDL schemas.

Usage (from the repository root):

    python3 scripts/check_sample_erp.py

For each sample file the XML Schema embedded in the matching WSDL (inside
`wsdl:types`) is extracted. A WSDL can hold more than one `s:schema`
(invoiceService.wsdl has the 24SO schema plus one for
http://microsoft.com/wsdl/types/, which defines `guid`); every schema is written
to its own temporary file and each `s:import` is given a `schemaLocation`
pointing at the file of the imported namespace. A global element named after the
array type (ArrayOfProduct, ArrayOfInvoiceOrder, ArrayOfCompany) is added to the
24SO schema so the file's root element can be validated against that complex type.

After schema validation some consistency checks run (counts, unique ids,
EAN-13 check digits, references between orders, companies and products).

Note: the schema does not declare Addresses/PhoneNumbers/EmailAddresses children
as nillable, so `<Post xsi:nil="true" />` (seen in real GetCompanies responses)
does not validate; the samples leave absent sub-elements out instead.

Requires lxml (`pip install lxml`). Exits 0 when every file passes, 1 on any
failure, 2 when the inputs cannot be read. The WSDL directory can be overridden
with the environment variable TFSO_WSDL_DIR.
"""

from __future__ import annotations

import copy
import os
import re
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

try:
    from lxml import etree
except ImportError:  # pragma: no cover
    sys.exit("check_sample_erp: lxml is required (pip install lxml)")

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO_ROOT / "samples" / "erp"
# (folder, at least this many products, exactly this many companies, exactly this many orders): the sample company,
# and the second sample company that the demo's second goods owner and the multi-owner tests use.
COMPANIES = [
    (SAMPLE_DIR, 30, 10, 20),
    (SAMPLE_DIR / "nordlys", 8, 5, 5),
]
WSDL_DIR = Path(os.environ.get("TFSO_WSDL_DIR", "/work/shared/reference/24sevenoffice/wsdl"))

XS = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
TNS = "http://24sevenOffice.com/webservices"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"

# (sample file, wsdl file, array type = expected root element, item element)
SAMPLES = [
    ("products.xml", "productService.wsdl", "ArrayOfProduct", "Product"),
    ("invoices.xml", "invoiceService.wsdl", "ArrayOfInvoiceOrder", "InvoiceOrder"),
    ("companies.xml", "companyService.wsdl", "ArrayOfCompany", "Company"),
]


def q(name: str) -> str:
    return f"{{{TNS}}}{name}"


# --------------------------------------------------------------------------- schema


def build_schema(wsdl_path: Path, root_type: str, workdir: Path) -> etree.XMLSchema:
    wsdl = etree.parse(str(wsdl_path))
    types = wsdl.getroot().find(f"{{{WSDL}}}types")
    if types is None:
        raise RuntimeError(f"{wsdl_path.name}: no wsdl:types element")
    schemas = types.findall(f"{{{XS}}}schema")
    if not schemas:
        raise RuntimeError(f"{wsdl_path.name}: no s:schema inside wsdl:types")

    stem = wsdl_path.stem
    files: dict[str, Path] = {}
    docs: dict[str, etree._Element] = {}
    for i, schema in enumerate(schemas):
        tns = schema.get("targetNamespace")
        # Rebuild the schema as a standalone root that keeps every namespace
        # prefix in scope in the WSDL (QName attribute values such as
        # type="tns:Product" or type="s1:guid" need them).
        root = etree.Element(schema.tag, attrib=dict(schema.attrib), nsmap=schema.nsmap)
        for child in schema:
            root.append(copy.deepcopy(child))
        docs[tns] = root
        files[tns] = workdir / f"{stem}.schema{i}.xsd"

    if TNS not in docs:
        raise RuntimeError(f"{wsdl_path.name}: no schema for namespace {TNS}")

    for tns, root in docs.items():
        for imp in root.findall(f"{{{XS}}}import"):
            ns = imp.get("namespace")
            if ns not in files:
                raise RuntimeError(f"{wsdl_path.name}: s:import of {ns} has no schema in wsdl:types")
            imp.set("schemaLocation", files[ns].name)

    main = docs[TNS]
    if main.find(f"{{{XS}}}complexType[@name='{root_type}']") is None:
        raise RuntimeError(f"{wsdl_path.name}: complex type {root_type} not found")
    prefix = next((p for p, ns in main.nsmap.items() if ns == TNS and p), None)
    if prefix is None:
        raise RuntimeError(f"{wsdl_path.name}: no prefix bound to {TNS}")
    wrapper = etree.SubElement(main, f"{{{XS}}}element")
    wrapper.set("name", root_type)
    wrapper.set("type", f"{prefix}:{root_type}")

    for tns, root in docs.items():
        etree.ElementTree(root).write(str(files[tns]), xml_declaration=True, encoding="utf-8")

    return etree.XMLSchema(etree.parse(str(files[TNS])))


# --------------------------------------------------------------------------- helpers


def text(el, name):
    child = el.find(q(name))
    if child is None or child.get(XSI_NIL) == "true":
        return None
    return child.text if child.text is not None else ""


def ean13_ok(code: str) -> bool:
    if not re.fullmatch(r"\d{13}", code):
        return False
    digits = [int(c) for c in code]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == digits[12]


def orgno_ok(code: str) -> bool:
    if not re.fullmatch(r"\d{9}", code):
        return False
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    rest = 11 - sum(int(c) * w for c, w in zip(code, weights)) % 11
    check = 0 if rest == 11 else rest
    return check != 10 and check == int(code[8])


# --------------------------------------------------------------------------- consistency


def check_products(root, errors, minimum):
    products = root.findall(q("Product"))
    if len(products) < minimum:
        errors.append(f"expected at least {minimum} Product elements, found {len(products)}")
    ids, nos = set(), set()
    for p in products:
        pid = text(p, "Id")
        label = f"Product Id={pid}"
        if pid is None:
            errors.append("a Product has no Id")
            continue
        if pid in ids:
            errors.append(f"{label}: duplicate Id")
        ids.add(pid)
        no = text(p, "No")
        if not no:
            errors.append(f"{label}: missing No")
        elif no in nos:
            errors.append(f"{label}: duplicate No {no}")
        nos.add(no)
        ean = text(p, "EAN1")
        if ean is not None and not ean13_ok(ean):
            errors.append(f"{label}: EAN1 {ean!r} is not a valid EAN-13")
        stock = text(p, "Stock")
        if stock is not None and Decimal(stock) < 0:
            errors.append(f"{label}: negative Stock {stock}")
    return {text(p, "Id"): text(p, "No") for p in products}


def check_companies(root, errors, expected):
    companies = root.findall(q("Company"))
    if len(companies) != expected:
        errors.append(f"expected exactly {expected} Company elements, found {len(companies)}")
    types = {}
    for c in companies:
        cid = text(c, "Id")
        if cid in types:
            errors.append(f"Company Id={cid}: duplicate Id")
        types[cid] = text(c, "Type")
        org = text(c, "OrganizationNumber")
        if org is not None and not orgno_ok(org):
            errors.append(f"Company Id={cid}: OrganizationNumber {org!r} is not 9 digits with a valid mod-11 check digit")
    return types


def check_invoices(root, errors, product_nos, company_types, expected):
    orders = root.findall(q("InvoiceOrder"))
    if len(orders) != expected:
        errors.append(f"expected exactly {expected} InvoiceOrder elements, found {len(orders)}")
    seen = set()
    for o in orders:
        oid = text(o, "OrderId")
        label = f"InvoiceOrder OrderId={oid}"
        if oid in seen:
            errors.append(f"{label}: duplicate OrderId")
        seen.add(oid)
        cid = text(o, "CustomerId")
        if company_types is not None:
            if cid not in company_types:
                errors.append(f"{label}: CustomerId {cid} not in companies.xml")
            elif company_types[cid] == "Supplier":
                errors.append(f"{label}: CustomerId {cid} is a supplier")
        rows = o.findall(f"{q('InvoiceRows')}/{q('InvoiceRow')}")
        if not 1 <= len(rows) <= 6:
            errors.append(f"{label}: {len(rows)} InvoiceRow elements (expected 1-6)")
        row_ids = set()
        for r in rows:
            rid = text(r, "RowId")
            if rid in row_ids:
                errors.append(f"{label}: duplicate RowId {rid}")
            row_ids.add(rid)
            rtype = text(r, "Type") or "Normal"
            pid = text(r, "ProductId")
            if rtype == "Normal":
                if pid is None:
                    errors.append(f"{label} row {rid}: Normal row without ProductId")
                elif product_nos is not None:
                    if pid not in product_nos:
                        errors.append(f"{label} row {rid}: ProductId {pid} not in products.xml")
                    elif text(r, "ProductNo") != product_nos[pid]:
                        errors.append(f"{label} row {rid}: ProductNo {text(r, 'ProductNo')!r} != product No {product_nos[pid]!r}")
            elif pid is not None:
                errors.append(f"{label} row {rid}: {rtype} row has a ProductId")


# --------------------------------------------------------------------------- main


def main() -> int:
    failed = False
    for folder, products, companies, orders in COMPANIES:
        result = check_company(folder, products, companies, orders)
        if result == 2:
            return 2
        failed = failed or result != 0
    if failed:
        print("check_sample_erp: FAILED", file=sys.stderr)
        return 1
    print("check_sample_erp: all sample files pass")
    return 0


def check_company(sample_dir: Path, products: int, companies: int, orders: int) -> int:
    failed = False
    parsed = {}
    with tempfile.TemporaryDirectory(prefix="check_sample_erp_") as tmp:
        workdir = Path(tmp)
        for sample, wsdl_name, root_type, item in SAMPLES:
            path = sample_dir / sample
            wsdl_path = WSDL_DIR / wsdl_name
            rel = path.relative_to(REPO_ROOT)
            if not wsdl_path.is_file():
                print(f"ERROR {rel}: WSDL not found at {wsdl_path}", file=sys.stderr)
                return 2
            if not path.is_file():
                print(f"FAIL  {rel}: file not found")
                failed = True
                continue
            raw = path.read_bytes()
            if not raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>'):
                print(f"FAIL  {rel}: must start with <?xml version=\"1.0\" encoding=\"utf-8\"?>")
                failed = True
            try:
                doc = etree.parse(str(path))
            except etree.XMLSyntaxError as exc:
                print(f"FAIL  {rel}: not well-formed XML: {exc}")
                failed = True
                continue
            root = doc.getroot()
            if root.tag != q(root_type):
                print(f"FAIL  {rel}: root element is {root.tag}, expected {q(root_type)}")
                failed = True
                continue
            schema = build_schema(wsdl_path, root_type, workdir)
            if not schema.validate(doc):
                failed = True
                print(f"FAIL  {rel}: does not validate against {root_type} in {wsdl_name}")
                for err in schema.error_log:
                    print(f"        line {err.line}: {err.message}")
                continue
            parsed[sample] = root
            print(f"OK    {rel}: {len(root.findall(q(item)))} {item} element(s) valid against {root_type} ({wsdl_name})")

    errors: list[str] = []
    product_nos = company_types = None
    if "products.xml" in parsed:
        product_nos = check_products(parsed["products.xml"], errors, products)
    if "companies.xml" in parsed:
        company_types = check_companies(parsed["companies.xml"], errors, companies)
    if "invoices.xml" in parsed:
        check_invoices(parsed["invoices.xml"], errors, product_nos, company_types, orders)
    if errors:
        failed = True
        print("FAIL  consistency checks:")
        for e in errors:
            print(f"        {e}")
    elif len(parsed) == len(SAMPLES):
        print(f"OK    {sample_dir.relative_to(REPO_ROOT)}: consistency checks (counts, ids, EAN-13, org numbers, order references)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
