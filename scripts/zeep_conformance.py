#!/usr/bin/env python3
"""Conformance check of the 24SevenOffice SOAP simulator, driven only by the WSDLs.

The four real 24SO WSDLs (Authenticate, ProductService, InvoiceService,
CompanyService) are loaded from local files with zeep; each SOAP 1.1 binding is
bound to the simulator base URL plus the real 24SO path.  All four zeep clients
share one ``requests.Session``; after ``Login`` the session id is set on it as
the cookie ``ASP.NET_SessionId`` (cookies that the server sets itself are
ignored, so the explicit cookie is the only one sent).

Every check is a named case printed as ``PASS name`` or ``FAIL name: reason``;
the last stdout line is ``N passed, M failed``.  The exit status is 0 only when
no case failed.  Diagnostics (tracebacks, notes, full schema error logs) go to
stderr.

Besides the behaviour checks, every response body received through zeep and
every request zeep sent is validated against the XML Schema embedded in the
WSDL of its service (``wsdl:types/s:schema``), with lxml.

Usage:
    python3 scripts/zeep_conformance.py --base-url http://127.0.0.1:8089

Requirements: zeep and lxml (see scripts/requirements-conformance.txt).
"""

import argparse
import copy
import datetime
import decimal
import http.cookiejar
import sys
import tempfile
import traceback
from pathlib import Path

try:
    import requests
    import zeep
    from lxml import etree
    from zeep.exceptions import Fault
    from zeep.helpers import serialize_object
except ImportError as exc:  # pragma: no cover - environment problem
    sys.stderr.write(
        "missing dependency (%s); install with: pip install -r "
        "scripts/requirements-conformance.txt\n" % exc
    )
    print("FAIL dependencies: %s" % exc)
    print("0 passed, 1 failed")
    sys.exit(2)

TNS = "http://24sevenOffice.com/webservices"
SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAPACTION_PREFIX = "http://24sevenOffice.com/webservices/"
SESSION_COOKIE = "ASP.NET_SessionId"

DEFAULT_APPLICATION_ID = "6f1e8a52-3c4d-4e8f-9a0b-1c2d3e4f5a6b"
DEFAULT_USERNAME = "demo@sevenbridge.example"
DEFAULT_PASSWORD = "demo-password"
DEFAULT_WSDL_DIR = (
    Path(__file__).resolve().parent.parent
    / "Sources" / "TwentyFourSevenSimulator" / "Resources" / "wsdl"
)

# key -> (wsdl file, SOAP 1.1 binding local name, endpoint path, display name)
SERVICES = {
    "auth": ("authService.wsdl", "AuthenticateSoap",
             "/authenticate/v001/authenticate.asmx", "Authenticate"),
    "product": ("productService.wsdl", "ProductServiceSoap",
                "/Logistics/Product/V001/ProductService.asmx", "ProductService"),
    "invoice": ("invoiceService.wsdl", "InvoiceServiceSoap",
                "/Economy/InvoiceOrder/V001/InvoiceService.asmx", "InvoiceService"),
    "company": ("companyService.wsdl", "CompanyServiceSoap",
                "/CRM/Company/V001/CompanyService.asmx", "CompanyService"),
}

EPOCH = datetime.datetime(2000, 1, 1, 0, 0, 0)
NEW_STOCK = decimal.Decimal("17.5")
MISSING_ORDER_ID = 99999999

PRODUCT_PROPS = ["Id", "No", "Name", "Description", "EAN1", "Weight", "Stock", "DateChanged"]
INVOICE_PROPS = ["OrderId", "CustomerId", "OrderStatus", "DateChanged", "InvoiceRows",
                 "Addresses", "DeliveryMethod"]
ROW_PROPS = ["RowId", "ProductId", "Quantity", "Type"]
COMPANY_PROPS = ["Id", "Name", "Type", "Addresses", "PhoneNumbers", "EmailAddresses",
                 "DateChanged"]
# libxml2's message for xsi:nil="true" on an element not declared nillable="true"
NOT_NILLABLE = "The element is not 'nillable'"
# IncludeVAT is minOccurs=1 (nillable) in InvoiceOrder: it is always written, as
# xsi:nil when it has no value, so it is never "unrequested".
INVOICE_ALWAYS_PRESENT = {"IncludeVAT"}


class CheckFailed(Exception):
    """A case's expectation was not met."""


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def one_line(text, limit=1500):
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def note(message):
    sys.stderr.write("note: %s\n" % message)


def as_list(value, item_name=None):
    """Items of a zeep array value: zeep returns None for empty/absent arrays,
    a plain list when it flattened a top-level ArrayOfX result, and an object
    with one list attribute (e.g. .InvoiceRow) for nested arrays."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value]
    if item_name is not None:
        try:
            inner = value[item_name]
        except (KeyError, TypeError, AttributeError):
            inner = getattr(value, item_name, None)
        return as_list(inner)
    data = serialize_object(value, dict)
    if isinstance(data, dict) and len(data) == 1:
        only = next(iter(data.values()))
        return as_list(only)
    raise CheckFailed("cannot read %r as an array" % (value,))


def field(obj, name):
    if obj is None:
        return None
    try:
        return obj[name]
    except (KeyError, TypeError, AttributeError):
        return getattr(obj, name, None)


def unrequested_fields_set(obj, requested, always_allowed=()):
    """Names of fields that were not requested but came back with a value."""
    data = serialize_object(obj, dict)
    if not isinstance(data, dict):
        return []
    allowed = set(requested) | set(always_allowed)
    return sorted(k for k, v in data.items() if k not in allowed and v is not None)


def describe_fault(fault):
    return "SOAP fault code=%r message=%r" % (getattr(fault, "code", None),
                                              getattr(fault, "message", None))


# --------------------------------------------------------------------------
# Message capture


class Recorder:
    """Remembers every HTTP response (session hook) and every SOAP message that
    zeep sent (plugin egress) or received (plugin ingress)."""

    def __init__(self):
        self.messages = []
        self.last_http = None

    def on_http_response(self, response, *args, **kwargs):
        self.last_http = response
        return response

    def last_status(self):
        return None if self.last_http is None else self.last_http.status_code

    def add(self, kind, service, operation, body, status=None, content_type=None,
            source="zeep"):
        self.messages.append({
            "kind": kind, "service": service, "operation": operation, "body": body,
            "status": status, "content_type": content_type, "source": source,
        })


class CapturePlugin(zeep.Plugin):
    def __init__(self, service_key, recorder):
        self.service_key = service_key
        self.recorder = recorder

    def egress(self, envelope, http_headers, operation, binding_options):
        body = etree.tostring(envelope, xml_declaration=True, encoding="utf-8",
                              pretty_print=True)
        self.recorder.add("request", self.service_key, operation.name, body)
        return envelope, http_headers

    def ingress(self, envelope, http_headers, operation):
        last = self.recorder.last_http
        if last is not None and last.content:
            body = last.content  # the raw bytes exactly as received
            status = last.status_code
        else:
            body = etree.tostring(envelope)
            status = None
        content_type = http_headers.get("Content-Type") if http_headers else None
        self.recorder.add("response", self.service_key, operation.name, body,
                          status=status, content_type=content_type)
        return envelope, http_headers


class IgnoreServerCookies(http.cookiejar.DefaultCookiePolicy):
    """Do not store Set-Cookie from the server: the only session cookie sent is
    the one the script sets from LoginResult."""

    def set_ok(self, cookie, request):
        return False


# --------------------------------------------------------------------------
# Schema extraction and validation


class WsdlSchema:
    """The XML Schema(s) inside one WSDL's wsdl:types, compiled with lxml.

    Each s:schema is written to its own file in ``workdir``; an s:import without
    schemaLocation (the 24SO schema imports http://microsoft.com/wsdl/types/) is
    pointed at the file holding that namespace."""

    def __init__(self, wsdl_path, workdir, allow_nil=False):
        self.wsdl_path = Path(wsdl_path)
        self.allow_nil = allow_nil
        root = etree.parse(str(wsdl_path)).getroot()
        schemas = root.findall("{%s}types/{%s}schema" % (WSDL_NS, XSD_NS))
        if not schemas:
            raise RuntimeError("%s: no s:schema in wsdl:types" % wsdl_path)
        docs = []
        files = {}
        stem = self.wsdl_path.stem
        for index, schema_el in enumerate(schemas):
            tns = schema_el.get("targetNamespace")
            # new root carries every namespace in scope at the original s:schema
            # (prefixes such as tns:, s1: are declared on wsdl:definitions and
            # used inside attribute values, so they must be copied explicitly)
            new_root = etree.Element(schema_el.tag, nsmap=schema_el.nsmap)
            for key, value in schema_el.attrib.items():
                new_root.set(key, value)
            new_root.text = schema_el.text
            for child in schema_el:
                new_root.append(copy.deepcopy(child))
            path = Path(workdir) / ("%s-%d.xsd" % (stem, index))
            docs.append((tns, new_root, path))
            files[tns] = path
        for tns, new_root, path in docs:
            for imp in new_root.iter("{%s}import" % XSD_NS):
                ns = imp.get("namespace")
                if imp.get("schemaLocation") is None and ns in files:
                    imp.set("schemaLocation", files[ns].resolve().as_uri())
        for tns, new_root, path in docs:
            etree.ElementTree(new_root).write(str(path), xml_declaration=True,
                                              encoding="utf-8", pretty_print=True)
        main = [d for d in docs if d[0] == TNS]
        if not main:
            raise RuntimeError("%s: no schema with targetNamespace %s" % (wsdl_path, TNS))
        self.schema_files = [str(d[2]) for d in docs]
        main_root, main_path = main[0][1], main[0][2]
        self.schema = etree.XMLSchema(etree.parse(str(main_path)))
        self.global_elements = {
            el.get("name") for el in main_root.findall("{%s}element" % XSD_NS)
        }

    def validate_element(self, element):
        """Return a list of error strings (empty when valid)."""
        # validated in place, so line numbers are those of the message as received
        if self.schema.validate(element):
            return []
        errors = []
        for entry in self.schema.error_log:
            if self.allow_nil and NOT_NILLABLE in entry.message:
                continue
            path = getattr(entry, "path", None)
            errors.append("line %s%s: %s" % (
                entry.line, (" " + path) if path else "", entry.message))
        if not errors and not self.allow_nil:
            errors.append("invalid (no error log)")
        return errors


def body_first_child(envelope_bytes):
    """Parse a SOAP 1.1 envelope and return (root, first Body child)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(envelope_bytes, parser)
    check(root.tag == "{%s}Envelope" % SOAP11_ENV,
          "root element is %s, not a SOAP 1.1 Envelope" % root.tag)
    body = root.find("{%s}Body" % SOAP11_ENV)
    check(body is not None, "no soap:Body")
    children = [c for c in body if isinstance(c.tag, str)]
    check(len(children) >= 1, "empty soap:Body")
    return root, children[0]


def validate_message(msg, validator):
    """Return ("skip", reason) for faults, ("ok", None) or ("invalid", errors)."""
    try:
        _root, first = body_first_child(msg["body"])
    except (etree.XMLSyntaxError, CheckFailed) as exc:
        return "invalid", ["not a SOAP 1.1 envelope: %s" % exc]
    qname = etree.QName(first)
    if qname.namespace == SOAP11_ENV and qname.localname == "Fault":
        return "skip", "fault"
    problems = []
    if msg["kind"] == "response":
        expected = msg["operation"] + "Response"
        ctype = msg.get("content_type")
        if ctype is not None and not ctype.lower().startswith("text/xml"):
            problems.append("Content-Type %r is not text/xml (SOAP 1.1)" % ctype)
        if msg.get("status") not in (None, 200):
            problems.append("HTTP status %s for a non-fault response" % msg["status"])
    else:
        expected = msg["operation"]
    if qname.namespace != TNS or qname.localname != expected:
        problems.append("Body child is %s, expected {%s}%s" % (first.tag, TNS, expected))
    if qname.namespace == TNS and qname.localname in validator.global_elements:
        problems.extend(validator.validate_element(first))
    elif not problems:
        problems.append("Body child %s is not declared in the WSDL schema" % first.tag)
    return ("invalid", problems) if problems else ("ok", None)


# --------------------------------------------------------------------------
# The run


class Conformance:
    def __init__(self, args):
        self.args = args
        self.base_url = args.base_url.rstrip("/")
        self.results = []
        self.recorder = Recorder()
        self.session = requests.Session()
        self.session.cookies.set_policy(IgnoreServerCookies())
        self.session.hooks["response"].append(self.recorder.on_http_response)
        self.transport = zeep.Transport(session=self.session, timeout=args.timeout,
                                        operation_timeout=args.timeout)
        self.clients = {}
        self.services = {}
        self.validators = {}
        self.validator_errors = {}
        self._tmpdir = tempfile.TemporaryDirectory(prefix="24so-wsdl-schemas-")
        # state shared between cases (each case can rebuild what it needs)
        self.session_id = None
        self.products = None
        self.sync_ids = None
        self.confirmed_orders = None

    # ---- infrastructure
    def run_case(self, name, func):
        try:
            func()
        except CheckFailed as exc:
            self.record(name, False, str(exc))
        except Fault as exc:
            self.record(name, False, "unexpected " + describe_fault(exc))
        except Exception as exc:  # noqa: BLE001 - a case must never stop the run
            if self.args.verbose:
                traceback.print_exc(file=sys.stderr)
            self.record(name, False, "%s: %s" % (type(exc).__name__, exc))
        else:
            self.record(name, True, None)

    def record(self, name, ok, reason):
        self.results.append((name, ok, reason))
        if ok:
            print("PASS %s" % name)
        else:
            print("FAIL %s: %s" % (name, one_line(reason)))
        sys.stdout.flush()

    def endpoint(self, key):
        return self.base_url + SERVICES[key][2]

    def load(self):
        wsdl_dir = Path(self.args.wsdl_dir)
        for key, (filename, binding, _path, _display) in SERVICES.items():
            wsdl_path = wsdl_dir / filename
            client = zeep.Client(str(wsdl_path), transport=self.transport,
                                 plugins=[CapturePlugin(key, self.recorder)])
            qname = "{%s}%s" % (TNS, binding)
            bindings = client.wsdl.bindings
            check(qname in bindings, "%s has no binding %s (has %s)"
                  % (filename, qname, ", ".join(sorted(bindings))))
            check(type(bindings[qname]).__name__ == "Soap11Binding",
                  "%s is a %s, not a SOAP 1.1 binding" % (qname, type(bindings[qname]).__name__))
            self.clients[key] = client
            self.services[key] = client.create_service(qname, self.endpoint(key))
        for key, (filename, _b, _p, _d) in SERVICES.items():
            try:
                self.validators[key] = WsdlSchema(wsdl_dir / filename, self._tmpdir.name,
                                                  allow_nil=self.args.allow_non_nillable_nil)
            except Exception as exc:  # reported by the validation cases
                self.validator_errors[key] = "%s: %s" % (type(exc).__name__, exc)

    @property
    def auth(self):
        return self.services["auth"]

    @property
    def product(self):
        return self.services["product"]

    @property
    def invoice(self):
        return self.services["invoice"]

    @property
    def company(self):
        return self.services["company"]

    def credential(self, password=None):
        return {
            "ApplicationId": self.args.application_id,
            "Username": self.args.username,
            "Password": self.args.password if password is None else password,
        }

    def set_session_cookie(self, session_id):
        for cookie in list(self.session.cookies):
            if cookie.name == SESSION_COOKIE:
                self.session.cookies.clear(cookie.domain, cookie.path, cookie.name)
        self.session.cookies.set(SESSION_COOKIE, session_id)

    # ---- shared data fetchers
    def get_products(self, search, props):
        return as_list(self.product.GetProducts(searchParams=search,
                                                returnProperties={"string": props}),
                       "Product")

    def ensure_products(self):
        if not self.products:
            self.products = self.get_products({"DateChanged": EPOCH}, PRODUCT_PROPS)
        check(self.products, "GetProducts(DateChanged=2000-01-01) returned no products")
        return self.products

    def get_invoices(self, search, props, row_props=None):
        kwargs = {"searchParams": search, "invoiceReturnProperties": {"string": props}}
        if row_props is not None:
            kwargs["rowReturnProperties"] = {"string": row_props}
        return as_list(self.invoice.GetInvoices(**kwargs), "InvoiceOrder")

    def get_invoices_by_ids(self, ids, props, states=None, row_props=None):
        orders = []
        ids = list(ids)
        for start in range(0, len(ids), 1000):  # documented limit per request
            search = {"OrderIds": {"int": ids[start:start + 1000]}}
            if states:
                search["OrderStates"] = {"OrderSlipStateType": list(states)}
            orders.extend(self.get_invoices(search, props, row_props))
        return orders

    def ensure_sync_ids(self):
        if not self.sync_ids:
            result = self.invoice.GetOrderSyncList(
                syncParams={"ChangedAfter": EPOCH, "RegisteredAfter": EPOCH})
            self.sync_ids = as_list(result, "int")
        check(self.sync_ids, "GetOrderSyncList returned no order ids")
        return self.sync_ids

    def ensure_confirmed_orders(self):
        if not self.confirmed_orders:
            orders = self.get_invoices_by_ids(self.ensure_sync_ids(),
                                              ["OrderId", "CustomerId", "OrderStatus"],
                                              states=["Confirmed"])
            self.confirmed_orders = [o for o in orders
                                     if field(o, "OrderStatus") == "Confirmed"]
        check(self.confirmed_orders, "no Confirmed order found")
        return self.confirmed_orders

    def save_invoice(self, order):
        result = as_list(self.invoice.SaveInvoices(invoices={"InvoiceOrder": [order]}),
                         "InvoiceOrder")
        check(len(result) == 1, "SaveInvoices with one order returned %d items" % len(result))
        return result[0]

    def order_status(self, order_id):
        orders = self.get_invoices_by_ids([order_id], ["OrderId", "OrderStatus"])
        check(len(orders) == 1, "GetInvoices(OrderIds=[%s]) returned %d orders"
              % (order_id, len(orders)))
        return field(orders[0], "OrderStatus")

    # ---- cases
    def case_before_login_has_session(self):
        result = self.auth.HasSession()
        check(result is False, "HasSession without a session cookie returned %r, "
              "expected false" % (result,))

    def case_before_login_get_products_fault(self):
        try:
            result = self.product.GetProducts(searchParams={"DateChanged": EPOCH},
                                              returnProperties={"string": ["Id"]})
        except Fault as fault:
            check("Session is not authenticated" in (fault.message or ""),
                  "fault message %r lacks 'Session is not authenticated'" % fault.message)
            status = self.recorder.last_status()
            check(status == 500, "fault came with HTTP %s, expected 500" % status)
            return
        raise CheckFailed("GetProducts without a session returned %r instead of a fault"
                          % (result,))

    def case_login_wrong_password(self):
        result = self.auth.Login(credential=self.credential(
            password=self.args.password + "-wrong"))
        check(result in (None, ""), "Login with a wrong password returned %r, "
              "expected an empty LoginResult" % (result,))
        has = self.auth.HasSession()
        check(has is False, "HasSession after a failed Login returned %r" % (has,))

    def case_login(self):
        result = self.auth.Login(credential=self.credential())
        check(isinstance(result, str) and result.strip() != "",
              "Login with the right credentials returned %r" % (result,))
        check(not any(c in result for c in ' ;,"\t\r\n'),
              "session id %r contains characters not allowed in a cookie value" % result)
        self.session_id = result
        self.set_session_cookie(result)

    def case_has_session(self):
        check(self.session_id, "no session id (Login failed)")
        result = self.auth.HasSession()
        check(result is True, "HasSession with the session cookie returned %r" % (result,))

    def case_get_products(self):
        self.products = None
        products = self.get_products({"DateChanged": EPOCH}, PRODUCT_PROPS)
        self.products = products
        check(products, "GetProducts(DateChanged=2000-01-01) returned no products")
        for p in products:
            check(field(p, "Id") is not None, "a product has no Id: %r" % (p,))
            check(field(p, "No") not in (None, ""), "product %s has no No" % field(p, "Id"))
            extra = unrequested_fields_set(p, PRODUCT_PROPS)
            check(not extra, "product %s has unrequested properties set: %s"
                  % (field(p, "Id"), ", ".join(extra)))
        check(all(field(p, "Price") is None for p in products),
              "Price (not requested) is set on some product")
        check(len(products) >= 2, "need at least two products, got %d" % len(products))
        ids = [field(p, "Id") for p in products[:2]]
        subset = self.get_products({"ProductIds": {"int": ids}}, PRODUCT_PROPS)
        got = sorted(field(p, "Id") for p in subset)
        check(got == sorted(ids), "GetProducts(ProductIds=%s) returned ids %s" % (ids, got))

    def case_set_stock_quantity(self):
        first = self.ensure_products()[0]
        product_id = field(first, "Id")
        old_stock = field(first, "Stock")
        result = self.product.SetStockQuantity(productId=product_id, stockQuantity=NEW_STOCK)
        check(result is True, "SetStockQuantity(%s, %s) returned %r"
              % (product_id, NEW_STOCK, result))
        after = self.get_products({"ProductIds": {"int": [product_id]}}, ["Id", "Stock"])
        check(len(after) == 1, "GetProducts(ProductIds=[%s]) returned %d products"
              % (product_id, len(after)))
        stock = field(after[0], "Stock")
        check(stock is not None and decimal.Decimal(str(stock)) == NEW_STOCK,
              "Stock of product %s is %r after SetStockQuantity(%s)"
              % (product_id, stock, NEW_STOCK))
        if old_stock is not None and decimal.Decimal(str(old_stock)) != NEW_STOCK:
            try:  # best effort: leave the simulator as it was
                self.product.SetStockQuantity(productId=product_id, stockQuantity=old_stock)
            except Exception as exc:  # noqa: BLE001
                note("could not restore stock of product %s: %s" % (product_id, exc))

    def case_get_order_sync_list(self):
        self.sync_ids = None
        result = self.invoice.GetOrderSyncList(
            syncParams={"ChangedAfter": EPOCH, "RegisteredAfter": EPOCH})
        ids = as_list(result, "int")
        self.sync_ids = ids
        check(ids, "GetOrderSyncList returned no order ids (%r)" % (result,))
        check(all(isinstance(i, int) and not isinstance(i, bool) for i in ids),
              "GetOrderSyncList returned non-integers: %r" % ids[:10])
        check(len(set(ids)) == len(ids), "GetOrderSyncList returned duplicate ids")

    def case_get_invoices(self):
        ids = self.ensure_sync_ids()
        orders = self.get_invoices_by_ids(ids, INVOICE_PROPS, states=["Confirmed"],
                                          row_props=ROW_PROPS)
        self.confirmed_orders = [o for o in orders if field(o, "OrderStatus") == "Confirmed"]
        check(orders, "GetInvoices(OrderIds=<%d sync ids>, OrderStates=[Confirmed]) "
              "returned no orders" % len(ids))
        wanted = set(ids)
        with_rows = 0
        for o in orders:
            oid = field(o, "OrderId")
            check(oid in wanted, "order %r was not among the requested OrderIds" % oid)
            check(field(o, "OrderStatus") == "Confirmed",
                  "order %s has OrderStatus %r, expected Confirmed"
                  % (oid, field(o, "OrderStatus")))
            check(field(o, "CustomerId") is not None, "order %s has no CustomerId" % oid)
            extra = unrequested_fields_set(o, INVOICE_PROPS, INVOICE_ALWAYS_PRESENT)
            check(not extra, "order %s has unrequested properties set: %s"
                  % (oid, ", ".join(extra)))
            rows = as_list(field(o, "InvoiceRows"), "InvoiceRow")
            if rows:
                with_rows += 1
            for r in rows:
                check(field(r, "RowId") is not None, "order %s has a row without RowId" % oid)
                extra = unrequested_fields_set(r, ROW_PROPS)
                check(not extra, "order %s row %s has unrequested properties set: %s"
                      % (oid, field(r, "RowId"), ", ".join(extra)))
        check(with_rows >= 1, "no returned Confirmed order has InvoiceRows")
        everything = self.get_invoices({"ChangedAfter": EPOCH}, ["OrderId", "OrderStatus"])
        check(len(everything) >= len(orders),
              "GetInvoices(ChangedAfter=2000-01-01) returned %d orders, fewer than the %d "
              "Confirmed ones" % (len(everything), len(orders)))

    def case_save_invoices_status_change(self):
        target = self.ensure_confirmed_orders()[0]
        order_id, customer_id = field(target, "OrderId"), field(target, "CustomerId")
        item = self.save_invoice({"OrderId": order_id, "CustomerId": customer_id,
                                  "OrderStatus": "OrderState_Sent", "IncludeVAT": None})
        exc = field(item, "APIException")
        check(exc is None, "SaveInvoices(order %s -> OrderState_Sent) returned APIException "
              "%r" % (order_id, field(exc, "Message")))
        echoed = field(item, "OrderId")
        check(echoed in (None, order_id), "SaveInvoices echoed OrderId %r, sent %s"
              % (echoed, order_id))
        status = self.order_status(order_id)
        check(status == "OrderState_Sent", "order %s has OrderStatus %r after SaveInvoices, "
              "expected OrderState_Sent" % (order_id, status))
        self.confirmed_orders = [o for o in self.confirmed_orders
                                 if field(o, "OrderId") != order_id]
        if not self.args.no_restore:
            try:  # best effort: put the order back so the run can be repeated
                back = self.save_invoice({"OrderId": order_id, "CustomerId": customer_id,
                                          "OrderStatus": "Confirmed", "IncludeVAT": None})
                if field(back, "APIException") is not None:
                    note("order %s not restored to Confirmed: %s"
                         % (order_id, field(field(back, "APIException"), "Message")))
            except Exception as exc:  # noqa: BLE001
                note("could not restore order %s to Confirmed: %s" % (order_id, exc))

    def case_save_invoices_invoiced_rejected(self):
        invoiced = self.get_invoices(
            {"ChangedAfter": EPOCH, "OrderStates": {"OrderSlipStateType": ["Invoiced"]}},
            ["OrderId", "CustomerId", "OrderStatus"])
        invoiced = [o for o in invoiced if field(o, "OrderStatus") == "Invoiced"]
        check(invoiced, "GetInvoices(ChangedAfter=2000-01-01, OrderStates=[Invoiced]) "
              "found no Invoiced order")
        target = invoiced[0]
        order_id = field(target, "OrderId")
        item = self.save_invoice({"OrderId": order_id,
                                  "CustomerId": field(target, "CustomerId"),
                                  "OrderStatus": "OrderState_Sent", "IncludeVAT": None})
        exc = field(item, "APIException")
        check(exc is not None, "SaveInvoices on Invoiced order %s returned no APIException"
              % order_id)
        check((field(exc, "Message") or "").strip() != "",
              "APIException for Invoiced order %s has an empty Message" % order_id)
        status = self.order_status(order_id)
        check(status == "Invoiced", "Invoiced order %s has OrderStatus %r after the rejected "
              "SaveInvoices" % (order_id, status))

    def case_save_invoices_unknown_order_rejected(self):
        existing = self.get_invoices_by_ids([MISSING_ORDER_ID], ["OrderId"])
        check(not existing, "order %s unexpectedly exists" % MISSING_ORDER_ID)
        customer_id = None
        if self.confirmed_orders:
            customer_id = field(self.confirmed_orders[0], "CustomerId")
        order = {"OrderId": MISSING_ORDER_ID, "OrderStatus": "OrderState_Sent",
                 "IncludeVAT": None}
        if customer_id is not None:
            order["CustomerId"] = customer_id
        item = self.save_invoice(order)
        exc = field(item, "APIException")
        check(exc is not None, "SaveInvoices with unknown OrderId %s returned no APIException"
              % MISSING_ORDER_ID)
        check((field(exc, "Message") or "").strip() != "",
              "APIException for unknown OrderId has an empty Message")
        after = self.get_invoices_by_ids([MISSING_ORDER_ID], ["OrderId"])
        check(not after, "SaveInvoices with unknown OrderId %s created it" % MISSING_ORDER_ID)

    def case_get_companies(self):
        companies = as_list(self.company.GetCompanies(
            searchParams={"ChangedAfter": EPOCH},
            returnProperties={"string": COMPANY_PROPS}), "Company")
        check(companies, "GetCompanies(ChangedAfter=2000-01-01) returned no companies")
        for c in companies:
            check(field(c, "Id") is not None, "a company has no Id: %r" % (c,))
            extra = unrequested_fields_set(c, COMPANY_PROPS)
            check(not extra, "company %s has unrequested properties set: %s"
                  % (field(c, "Id"), ", ".join(extra)))
        check(len(companies) >= 2, "need at least two companies, got %d" % len(companies))
        ids = [field(c, "Id") for c in companies[:2]]
        subset = as_list(self.company.GetCompanies(
            searchParams={"CompanyIds": {"int": ids}},
            returnProperties={"string": ["Id", "Name"]}), "Company")
        got = sorted(field(c, "Id") for c in subset)
        check(got == sorted(ids), "GetCompanies(CompanyIds=%s) returned ids %s" % (ids, got))

    def case_get_company_sync_list(self):
        page = self.company.GetCompanySyncList(syncSearchParameters={
            "Page": 1, "Active": None, "ChangedAfter": EPOCH, "RegisteredAfter": EPOCH})
        check(page is not None, "GetCompanySyncList returned no PageOfSyncCompany")
        current = field(page, "CurrentPage")
        total_pages = field(page, "TotalPages")
        total_items = field(page, "TotalItems")
        check(current == 1, "CurrentPage is %r, expected 1" % (current,))
        check(total_pages is not None and total_pages >= 1,
              "TotalPages is %r, expected >= 1" % (total_pages,))
        check(total_items is not None and total_items >= 1,
              "TotalItems is %r, expected >= 1" % (total_items,))
        items = as_list(field(page, "Items"), "SyncCompany")
        check(items, "Items is empty")
        check(len(items) <= total_items, "%d Items but TotalItems=%s" % (len(items), total_items))
        per_page = field(page, "ItemsPerPage")
        check(per_page is None or len(items) <= per_page,
              "%d Items but ItemsPerPage=%s" % (len(items), per_page))
        check(all(field(i, "CompanyId") is not None for i in items),
              "a SyncCompany has no CompanyId")

    # raw POSTs (zeep would refuse to send an unknown enum value)
    def raw_post(self, key, operation, body):
        headers = {"Content-Type": "text/xml; charset=utf-8",
                   "SOAPAction": '"%s%s"' % (SOAPACTION_PREFIX, operation)}
        response = self.session.post(self.endpoint(key), data=body, headers=headers,
                                     timeout=self.args.timeout)
        self.recorder.add("response", key, operation, response.content,
                          status=response.status_code,
                          content_type=response.headers.get("Content-Type"), source="raw")
        return response

    @staticmethod
    def get_invoices_envelope(state):
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<soap:Envelope xmlns:soap="%s" xmlns:xsi="%s" xmlns:xsd="%s">'
            "<soap:Body>"
            '<GetInvoices xmlns="%s">'
            "<searchParams><ChangedAfter>2000-01-01T00:00:00</ChangedAfter>"
            "<OrderStates><OrderSlipStateType>%s</OrderSlipStateType></OrderStates>"
            "</searchParams>"
            "<invoiceReturnProperties><string>OrderId</string><string>OrderStatus</string>"
            "</invoiceReturnProperties>"
            "</GetInvoices></soap:Body></soap:Envelope>"
            % (SOAP11_ENV, XSI_NS, XSD_NS, TNS, state)
        ).encode("utf-8")

    def expect_client_fault(self, response, what):
        check(response.status_code == 500, "%s: HTTP %s, expected 500"
              % (what, response.status_code))
        try:
            root, first = body_first_child(response.content)
        except etree.XMLSyntaxError as exc:
            raise CheckFailed("%s: response is not XML: %s" % (what, exc))
        check(first.tag == "{%s}Fault" % SOAP11_ENV, "%s: Body child is %s, not soap:Fault"
              % (what, first.tag))
        code_el = first.find("faultcode")
        check(code_el is not None and (code_el.text or "").strip(),
              "%s: soap:Fault has no faultcode" % what)
        code = code_el.text.strip()
        check(code.endswith("Client"), "%s: faultcode %r does not end with 'Client'"
              % (what, code))
        if ":" in code:
            prefix = code.split(":", 1)[0]
            check(code_el.nsmap.get(prefix) == SOAP11_ENV,
                  "%s: faultcode prefix %r is not bound to %s" % (what, prefix, SOAP11_ENV))
        string_el = first.find("faultstring")
        text = (string_el.text or "") if string_el is not None else ""
        check(text.strip(), "%s: soap:Fault has no faultstring" % what)
        check("Session is not authenticated" not in text,
              "%s: fault is about the session, not the request: %r" % (what, text))
        ctype = response.headers.get("Content-Type", "")
        check(ctype.lower().startswith("text/xml"),
              "%s: Content-Type %r, expected text/xml" % (what, ctype))

    def case_raw_get_invoices_default_namespace(self):
        response = self.raw_post("invoice", "GetInvoices",
                                 self.get_invoices_envelope("Confirmed"))
        check(response.status_code == 200, "hand-written GetInvoices (default namespace, "
              "OrderStates=[Confirmed]) got HTTP %s" % response.status_code)
        _root, first = body_first_child(response.content)
        check(first.tag == "{%s}GetInvoicesResponse" % TNS,
              "Body child is %s, expected GetInvoicesResponse" % first.tag)

    def case_raw_unknown_enum_client_fault(self):
        response = self.raw_post("invoice", "GetInvoices",
                                 self.get_invoices_envelope("NotAState"))
        self.expect_client_fault(response, "OrderSlipStateType NotAState")

    def case_raw_malformed_xml_client_fault(self):
        body = ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<soap:Envelope xmlns:soap="%s"><soap:Body>'
                "<GetInvoices><unclosed>" % SOAP11_ENV).encode("utf-8")
        response = self.raw_post("invoice", "GetInvoices", body)
        self.expect_client_fault(response, "malformed XML")

    # schema validation of everything captured
    def validate_kind(self, kind):
        messages = [m for m in self.recorder.messages
                    if m["kind"] == kind and (kind == "request" or m["source"] == "zeep"
                                              or m["status"] == 200)]
        check(messages, "no %s was captured" % kind)
        invalid = []
        valid = skipped = 0
        for index, msg in enumerate(messages, 1):
            key = msg["service"]
            label = "%s.%s %s #%d" % (SERVICES[key][3], msg["operation"], kind, index)
            if key not in self.validators:
                invalid.append((label, ["schema unavailable: %s"
                                        % self.validator_errors.get(key)]))
                continue
            state, detail = validate_message(msg, self.validators[key])
            if state == "ok":
                valid += 1
            elif state == "skip":
                skipped += 1
            else:
                invalid.append((label, detail))
        sys.stderr.write("%s validation: %d valid, %d faults skipped, %d invalid\n"
                         % (kind, valid, skipped, len(invalid)))
        if invalid:
            for label, errors in invalid:
                sys.stderr.write("INVALID %s:\n" % label)
                for err in errors:
                    sys.stderr.write("    %s\n" % err)
            parts = []
            for label, errors in invalid:
                shown = "; ".join(errors[:3])
                if len(errors) > 3:
                    shown += "; (+%d more)" % (len(errors) - 3)
                parts.append("%s: %s" % (label, shown))
            raise CheckFailed("%d of %d %ss invalid against the WSDL schema: %s"
                              % (len(invalid), len(messages), kind, " || ".join(parts)))
        check(valid >= 1, "no non-fault %s to validate" % kind)

    def case_responses_schema_valid(self):
        self.validate_kind("response")

    def case_requests_schema_valid(self):
        self.validate_kind("request")

    def save_messages(self, directory):
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for index, msg in enumerate(self.recorder.messages, 1):
            name = "%03d-%s-%s-%s.xml" % (index, msg["service"], msg["operation"], msg["kind"])
            (directory / name).write_bytes(msg["body"] or b"")

    def run(self):
        try:
            self.load()
        except Exception as exc:  # noqa: BLE001
            if self.args.verbose:
                traceback.print_exc(file=sys.stderr)
            self.record("load_wsdls", False, "%s: %s" % (type(exc).__name__, exc))
            return self.finish()
        self.record("load_wsdls", True, None)
        cases = [
            ("before_login_has_session_false", self.case_before_login_has_session),
            ("before_login_get_products_fault", self.case_before_login_get_products_fault),
            ("login_wrong_password_empty_result", self.case_login_wrong_password),
            ("login", self.case_login),
            ("has_session_after_login", self.case_has_session),
            ("get_products", self.case_get_products),
            ("set_stock_quantity", self.case_set_stock_quantity),
            ("get_order_sync_list", self.case_get_order_sync_list),
            ("get_invoices_confirmed", self.case_get_invoices),
            ("save_invoices_status_change", self.case_save_invoices_status_change),
            ("save_invoices_invoiced_rejected", self.case_save_invoices_invoiced_rejected),
            ("save_invoices_unknown_order_rejected",
             self.case_save_invoices_unknown_order_rejected),
            ("get_companies", self.case_get_companies),
            ("get_company_sync_list", self.case_get_company_sync_list),
            ("raw_get_invoices_default_namespace", self.case_raw_get_invoices_default_namespace),
            ("raw_unknown_enum_client_fault", self.case_raw_unknown_enum_client_fault),
            ("raw_malformed_xml_client_fault", self.case_raw_malformed_xml_client_fault),
            ("responses_schema_valid", self.case_responses_schema_valid),
            ("requests_schema_valid", self.case_requests_schema_valid),
        ]
        for name, func in cases:
            self.run_case(name, func)
        if self.args.save_messages:
            try:
                self.save_messages(self.args.save_messages)
            except OSError as exc:
                note("could not save messages: %s" % exc)
        return self.finish()

    def finish(self):
        passed = sum(1 for r in self.results if r[1])
        failed = len(self.results) - passed
        print("%d passed, %d failed" % (passed, failed))
        sys.stdout.flush()
        self._tmpdir.cleanup()
        return 0 if failed == 0 else 1


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Check a 24SevenOffice SOAP simulator against the real 24SO WSDLs "
                    "(Authenticate, ProductService, InvoiceService, CompanyService) "
                    "using zeep. Prints 'PASS name' / 'FAIL name: reason' per case and "
                    "'N passed, M failed' last; exits 0 only when nothing failed.")
    parser.add_argument("--base-url", required=True,
                        help="simulator base URL, e.g. http://127.0.0.1:8089")
    parser.add_argument("--application-id", default=DEFAULT_APPLICATION_ID,
                        help="Credential.ApplicationId (default %(default)s)")
    parser.add_argument("--username", default=DEFAULT_USERNAME,
                        help="Credential.Username (default %(default)s)")
    parser.add_argument("--password", default=DEFAULT_PASSWORD,
                        help="Credential.Password (default %(default)s)")
    parser.add_argument("--wsdl-dir", default=str(DEFAULT_WSDL_DIR),
                        help="folder with authService.wsdl, productService.wsdl, "
                             "invoiceService.wsdl, companyService.wsdl (default: the "
                             "simulator's resources)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="HTTP timeout per call in seconds (default %(default)s)")
    parser.add_argument("--save-messages", metavar="DIR",
                        help="write every captured request/response envelope to DIR")
    parser.add_argument("--no-restore", action="store_true",
                        help="do not put the order changed by SaveInvoices back to Confirmed")
    parser.add_argument("--allow-non-nillable-nil", action="store_true",
                        help="do not count xsi:nil=\"true\" on elements that the WSDL does "
                             "not declare nillable (e.g. <Post xsi:nil=\"true\"/> in "
                             "Addresses) as a schema error; the captured real 24SO "
                             "get_companies_response.xml does this")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print tracebacks of unexpected exceptions to stderr")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    return Conformance(args).run()


if __name__ == "__main__":
    sys.exit(main())
