#!/usr/bin/env python3
"""Writes the seed corpora in Fuzz/Seeds/<target>/ from the repository's samples and fixtures, plus hostile inputs.

Run from anywhere: python3 Fuzz/make_seeds.py. It replaces the four seed folders; every seed stays under 64 KiB.
"""
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "Fuzz" / "Seeds"
LIMIT = 64 * 1024
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
TSO = "http://24sevenOffice.com/webservices"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
WSI = "http://ongoingsystems.se/WSI"


def envelope(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<soap:Envelope xmlns:soap="{SOAP}" xmlns:xsi="{XSI}" xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f"<soap:Body>{body}</soap:Body></soap:Envelope>\n"
    )


def answer(operation: str, result: str) -> str:
    return envelope(
        f'<{operation}Response xmlns="{TSO}"><{operation}Result>{result}</{operation}Result></{operation}Response>'
    )


def items(path: pathlib.Path, element: str, count: int) -> str:
    """The first `count` <element> items of an ERP sample."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(rf"<{element}>.*?</{element}>", text, flags=re.S)
    return "\n".join(found[:count])


def billion_laughs(root: str, opening: str) -> str:
    lines = ['<?xml version="1.0"?>', f"<!DOCTYPE {root} [", '  <!ENTITY lol "lol">']
    for level in range(1, 10):
        previous = "lol" if level == 1 else f"lol{level - 1}"
        lines.append(f'  <!ENTITY lol{level} "' + f"&{previous};" * 10 + '">')
    lines.append("]>")
    lines.append(f"<{opening}>&lol9;</{root}>")
    return "\n".join(lines) + "\n"


def deep(root: str, opening: str, levels: int) -> str:
    return f"<{opening}>" + "<a>" * levels + "x" + "</a>" * levels + f"</{root}>"


# Hostile XML shared by every XML target: each is wrapped around the target's expected root element.
def hostile_xml(root: str, declarations: str = "") -> dict[str, bytes]:
    opening = root + declarations
    many_attributes = " ".join(f'a{i}="{i}"' for i in range(200))
    return {
        "doctype-internal-entity.xml": f'<!DOCTYPE {root} [<!ENTITY e "expanded">]><{opening}>&e;</{root}>'.encode(),
        "doctype-external-entity.xml": (
            f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file:///etc/passwd">]><{opening}>&x;</{root}>'
        ).encode(),
        "doctype-parameter-entity.xml": (
            f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]><{opening}/>'
        ).encode(),
        "doctype-external-dtd.xml": f'<!DOCTYPE {root} SYSTEM "http://127.0.0.1:1/x.dtd"><{opening}/>'.encode(),
        "entity-in-attribute.xml": (
            f'<!DOCTYPE {root} [<!ENTITY e "&#60;b/&#62;"><!ATTLIST {root} d CDATA "default">]><{opening} a="&e;"/>'
        ).encode(),
        "billion-laughs.xml": billion_laughs(root, opening).encode(),
        "undefined-entity.xml": f"<{opening}>&nope;</{root}>".encode(),
        "predefined-and-char-refs.xml": f'<{opening} a="&amp;&#x41;&#10;">&lt;&gt;&quot;&apos;&#128512;&#xD;</{root}>'.encode(),
        "deep-nesting.xml": deep(root, opening, 120).encode(),
        "many-attributes.xml": f"<{opening} {many_attributes}/>".encode(),
        "invalid-utf8.xml": f"<{opening}>".encode() + b"\xc3\x28\xff\xfe\xed\xa0\x80" + f"</{root}>".encode(),
        "utf16-bom.xml": ("\ufeff" + f'<?xml version="1.0" encoding="UTF-16"?><{opening}>æøå</{root}>').encode("utf-16-le"),
        "latin1-declared.xml": f'<?xml version="1.0" encoding="ISO-8859-1"?><{opening}>'.encode() + b"\xe6\xf8\xe5" + f"</{root}>".encode(),
        "cdata-comment-pi.xml": f"<?pi data?><!-- c --><{opening}><![CDATA[<not>&markup;]]><!-- in --><?x y?></{root}>".encode(),
        "xinclude.xml": (
            f'<{opening} xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></{root}>'
        ).encode(),
        "truncated.xml": f'<?xml version="1.0"?><{opening}><a b="1"><c>text'.encode(),
        "two-roots.xml": f"<{opening}/><{opening}/>".encode(),
        "bad-namespace-prefix.xml": f'<p:{root} xmlns:p=""><q:a/></p:{root}>'.encode(),
        "nul-byte.xml": f"<{opening}>a".encode() + b"\x00" + f"b</{root}>".encode(),
    }


def write(target: str, seeds: dict[str, bytes]) -> None:
    folder = SEEDS / target
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in seeds.items():
        assert len(data) < LIMIT, f"{target}/{name} is {len(data)} bytes"
        (folder / name).write_bytes(data)


def files(*paths: str) -> dict[str, bytes]:
    return {pathlib.Path(p).name: (ROOT / p).read_bytes() for p in paths}


def main() -> None:
    erp = ROOT / "samples" / "erp"
    fixtures = sorted((ROOT / "Tests" / "TwentyFourSevenTests" / "Fixtures").glob("*.xml"))
    wms_xml = ["samples/wms/shipments.xml", "samples/wms/stock.xml", "samples/wms/acknowledgement.xml"]

    # The XML reader: every XML the project has, and everything hostile.
    reader = files(*wms_xml, "samples/erp/products.xml", "samples/erp/companies.xml", "samples/erp/invoices.xml")
    reader |= {f"fixture-{p.name}": p.read_bytes() for p in fixtures}
    reader |= hostile_xml("root")
    reader["empty-element.xml"] = b"<a/>"
    reader["namespaces.xml"] = (
        f'<s:E xmlns:s="{SOAP}" xmlns:xsi="{XSI}"><B xmlns="{TSO}"><n xsi:nil="true"/><m s:x="1">t</m></B></s:E>'
    ).encode()
    write("FuzzXMLReader", reader)

    # Inbox XML: the WMS samples, the same in a SOAP envelope, and hostile documents with each root.
    inbox = files(*wms_xml)
    for path in wms_xml:
        text = (ROOT / path).read_text(encoding="utf-8")
        body = re.sub(r"<\?xml[^>]*\?>|<!--.*?-->", "", text, flags=re.S).strip()
        inbox["soap-" + pathlib.Path(path).name] = envelope(body).encode()
    for root in ("GetOrdersByQueryResponse", "GetInventoryByQueryResponse", "ProcessOrderResponse"):
        for name, data in hostile_xml(root).items():
            if name in ("doctype-internal-entity.xml", "billion-laughs.xml", "deep-nesting.xml", "invalid-utf8.xml"):
                inbox[f"{root}-{name}"] = data
    inbox["stock-odd-values.xml"] = (
        f'<GetInventoryByQueryResponse xmlns="{WSI}"><GetInventoryByQueryResult><InventoryLines>'
        "<InventoryLine><Article><ArticleNumber>A</ArticleNumber></Article>"
        "<SellableNumberOfItems>1,5</SellableNumberOfItems><NumberOfItemsDecimal>1e400</NumberOfItemsDecimal></InventoryLine>"
        "<InventoryLine><Article><ProductCode> </ProductCode></Article><SellableNumberOfItems>-0</SellableNumberOfItems></InventoryLine>"
        "<InventoryLine><Article><ArticleNumber>B</ArticleNumber></Article><SellableNumberOfItems>+1.2.3</SellableNumberOfItems></InventoryLine>"
        "<InventoryLine><Article><ArticleNumber>C</ArticleNumber></Article><SellableNumberOfItems>1000000000.0000000001</SellableNumberOfItems></InventoryLine>"
        "</InventoryLines></GetInventoryByQueryResult></GetInventoryByQueryResponse>"
    ).encode()
    inbox["shipment-odd-values.xml"] = (
        f'<GetOrdersByQueryResponse xmlns="{WSI}"><GetOrdersByQueryResult><Orders>'
        "<Order><OrderInfo><GoodsOwnerOrderNumber>1</GoodsOwnerOrderNumber><OrderStatusNumber>99999</OrderStatusNumber>"
        "<ShippedTime>2026-02-30T25:61:61+14:00</ShippedTime><WayBill> </WayBill></OrderInfo>"
        "<PickedOrderLines><PickedOrderLine><ExternalOrderLineCode>x</ExternalOrderLineCode>"
        "<PickedNumberOfItems>0,0</PickedNumberOfItems></PickedOrderLine></PickedOrderLines></Order>"
        "<Order><OrderInfo><GoodsOwnerOrderNumber>2</GoodsOwnerOrderNumber><OrderStatusNumber>-1</OrderStatusNumber>"
        "<ShippedTime>0001-01-01T00:00:00</ShippedTime></OrderInfo></Order>"
        "<Order><OrderInfo><GoodsOwnerOrderNumber>3</GoodsOwnerOrderNumber><OrderStatusNumber>450</OrderStatusNumber>"
        "<ShippedTime>2026-11-28</ShippedTime></OrderInfo></Order>"
        "</Orders></GetOrdersByQueryResult></GetOrdersByQueryResponse>"
    ).encode()
    inbox["acknowledgement-failed.xml"] = (
        f'<ProcessOrderResponse xmlns="{WSI}"><ProcessOrderResult><Success>FALSE</Success>'
        "<ErrorMessage>  Article missing\n</ErrorMessage><GoodsOwnerOrderNumber>5016</GoodsOwnerOrderNumber>"
        "<OrderId>99999999999999999999</OrderId></ProcessOrderResult><ProcessOrderResult><Success>yes</Success>"
        "</ProcessOrderResult></ProcessOrderResponse>"
    ).encode()
    inbox["bom-then-xml.xml"] = b"\xef\xbb\xbf \r\n" + (ROOT / "samples/wms/acknowledgement.xml").read_bytes()
    inbox["wrong-root.xml"] = b"<Orders><Order/></Orders>"
    write("FuzzInboxXML", inbox)

    # Inbox CSV: the WMS samples and every oddity of quoting, line ends, encodings and headers.
    stock = "ArticleNumber;SellableNumberOfItems"
    ship = "GoodsOwnerOrderNumber;OrderStatusNumber;ShippedTime;WayBill"
    csv = files("samples/wms/shipments.csv", "samples/wms/stock.csv")
    csv |= {
        "stock-crlf-problems.csv": f"{stock}\r\nA-1;5\r\nA-2;five\r\nA-3;-4\r\n;7\r\nA-4;99999999999\r\nA-5;2,5\r\nA-6\r\n".encode(),
        "stock-bom.csv": f"\ufeff{stock}\r\nA-1;5\r\n".encode(),
        "stock-all-columns.csv": f"{stock};ProductCode;NumberOfItemsDecimal\n;;1005;12.5\nA;;;\n".encode(),
        "stock-quoted.csv": f'{stock}\n"A;1";"5"\n"B ""quoted""";"1\n0"\n"C"x;1\nD;"1"\n'.encode(),
        "stock-unclosed-quote.csv": f'{stock}\n"A;1\n'.encode(),
        "stock-cr-only.csv": f"{stock}\rA;1\rB;2\r".encode(),
        "stock-no-final-newline.csv": f"{stock}\nA;1".encode(),
        "stock-blank-lines.csv": f"{stock}\n\n\nA;1\n\n".encode(),
        "stock-latin1.csv": f"{stock}\r\nK".encode() + b"\xf8" + b"l;1\r\n",
        "stock-invalid-utf8.csv": f"{stock}\n".encode() + b"\xc3\x28;\xed\xa0\x80\n",
        "stock-control-chars.csv": f"{stock}\nA\x01;1\nB\x00;2\n".encode(),
        "stock-numbers.csv": f"{stock}\nA;1e5\nB;NaN\nC;+-1\nD;1.2.3\nE;1000000000\nF;0,000000000000000000000000000000000000001\nG; 7 \n".encode(),
        "stock-header-only.csv": f"{stock}\n".encode(),
        "stock-wrong-optional.csv": f"{stock};Extra\nA;1;2\n".encode(),
        "stock-header-spaces.csv": f" ArticleNumber ;\tSellableNumberOfItems \nA;1\n".encode(),
        "comma-separated.csv": b"GoodsOwnerOrderNumber,OrderStatusNumber,ShippedTime,WayBill\n1,450,,\n",
        "tab-separated.csv": b"ArticleNumber\tSellableNumberOfItems\nA\t1\n",
        "unknown-header.csv": b"ArticleNumber;Quantity\nA;1\n",
        "shipment-no-lines.csv": f"{ship}\n5010;450;2026-11-28T10:05:00;W1\n5011;400;;\n".encode(),
        "shipment-lines.csv": (
            f"{ship};ExternalOrderLineCode;PickedNumberOfItems\r\n"
            "5010;450;2026-11-28T10:05:00Z;W;1;3\r\n5010;450;2026-11-28T10:05:00Z;W;2;\r\n"
            "5011;x;2026-13-01;;1;1\r\n5010;450;0001-01-01T00:00:00;;3;1,5\r\n"
            '"5012";"500";"2026-11-28";"";"";"1"\r\n'
        ).encode(),
        "shipment-fields-mismatch.csv": f"{ship}\n1;2\n1;2;3;4;5\n".encode(),
        "shipment-long-key.csv": f"{ship}\n{'9' * 300};450;;\n".encode(),
        "quoted-newlines.csv": f'{ship}\n"1\n2";"450";"2026-11-28T10:05:00";"a\r\nb"\n'.encode(),
        "whitespace-only.csv": b"   \n\n",
        "bom-only.csv": b"\xef\xbb\xbf",
    }
    write("FuzzInboxCSV", csv)

    # SOAP answers: the fixtures, the ERP samples wrapped as each operation's answer, faults and hostile ones.
    soap = {p.name: p.read_bytes() for p in fixtures}
    soap["get-products.xml"] = answer("GetProducts", items(erp / "products.xml", "Product", 4)).encode()
    soap["get-invoices.xml"] = answer("GetInvoices", items(erp / "invoices.xml", "InvoiceOrder", 3)).encode()
    soap["get-companies.xml"] = answer("GetCompanies", items(erp / "companies.xml", "Company", 3)).encode()
    soap["get-companies-all.xml"] = answer("GetCompanies", items(erp / "companies.xml", "Company", 100)).encode()
    soap["save-invoices-api-exception.xml"] = answer(
        "SaveInvoices",
        "<InvoiceOrder><OrderId>5001</OrderId><APIException><Type>ValidationException</Type>"
        "<Message>Order is locked</Message></APIException></InvoiceOrder>"
        '<InvoiceOrder><OrderId>5002</OrderId><APIException xsi:nil="true"/></InvoiceOrder>',
    ).encode()
    soap["get-order-sync-list.xml"] = answer(
        "GetOrderSyncList", "<int>5001</int><int>-2147483648</int><int> 7 </int><int>x</int>"
    ).encode()
    soap["get-company-sync-list.xml"] = answer(
        "GetCompanySyncList",
        "<Items><SyncCompany><CompanyId>20001</CompanyId><DateChanged>2026-10-01T07:42:13Z</DateChanged>"
        "<DateRegistered>0001-01-01T00:00:00</DateRegistered><Active>false</Active></SyncCompany></Items>"
        "<TotalPages>3</TotalPages><CurrentPage>1</CurrentPage>",
    ).encode()
    soap["has-session.xml"] = answer("HasSession", "true").encode()
    soap["set-stock-quantity.xml"] = answer("SetStockQuantity", "false").encode()
    soap["get-identity.xml"] = answer(
        "GetIdentity",
        "<Id>abc</Id><User><Name>Kari</Name></User><Client><Id>1234</Id><Name>Firma AS</Name></Client>",
    ).encode()
    soap["sentinels.xml"] = answer(
        "GetProducts",
        "<Product><Id>1</Id><Stock>-79228162514264337593543950335</Stock><Price>1E+3</Price>"
        "<Weight>-1.7976931348623157E+308</Weight><DateChanged>0001-01-01T00:00:00</DateChanged>"
        '<StockControlled>1</StockControlled><EAN1 xsi:nil="true"/><Extra>  x  </Extra></Product>'
        "<Product><Id>-2147483648</Id></Product><Product><Id>99999999999999999999999</Id></Product>",
    ).encode()
    soap["fault-client.xml"] = envelope(
        f'<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server was unable to read request.</faultstring></soap:Fault>'
    ).encode()
    soap["fault-session.xml"] = envelope(
        "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Session is not authenticated</faultstring></soap:Fault>"
    ).encode()
    soap["fault-quarantine-iso.xml"] = envelope(
        "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Limit exceeded. Quarantine ends at "
        "2026-11-28T11:00:00.</faultstring></soap:Fault>"
    ).encode()
    soap["fault-quarantine-dotted.xml"] = envelope(
        "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Limit exceeded. Quarantine ends at "
        "28.11.2026 11:00:00</faultstring></soap:Fault>"
    ).encode()
    soap["wrong-response.xml"] = answer("GetInvoices", "").replace("GetInvoicesResponse", "GetProductsResponseX").encode()
    soap["not-soap.xml"] = f'<Envelope xmlns="urn:other"><Body><GetProductsResponse/></Body></Envelope>'.encode()
    soap["empty-body.xml"] = envelope("").encode()
    for name, data in hostile_xml("soap:Envelope", f' xmlns:soap="{SOAP}"').items():
        soap[f"hostile-{name}"] = data
    write("FuzzSOAPAnswer", soap)


if __name__ == "__main__":
    main()
